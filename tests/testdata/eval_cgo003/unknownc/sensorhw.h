/* Vendor SDK header; the library itself ships as libsensorhw.so. */
#ifndef SENSORHW_H
#define SENSORHW_H

int sensor_open(int bus);
int sensor_read_blocking(int h, double *out);
int sensor_wait_event(int h, int timeout_ms);
void vendor_sleep_ms(int ms);
void sensor_close(int h);

#endif
