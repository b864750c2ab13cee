module example.com/cgolint-examples

go 1.22
