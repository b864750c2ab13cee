int compress_all(int n);
