package histsrv

// #cgo CFLAGS: -O2 -DNORM_STRATEGY=2
// #cgo linux CFLAGS: -DNORM_HAVE_BMI2
import "C"
