// Command indexsrv verifies every block listed in an index file.
package main

import (
	"fmt"
	"log"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: indexsrv INDEX BLOCKS")
	}
	offsets := loadIndex(os.Args[1])
	fd := openBlocks(os.Args[2])
	if fd < 0 {
		log.Fatal("cannot open blocks")
	}
	buf := make([]byte, blockSize)
	var total uint64
	for _, off := range offsets {
		if readBlock(fd, off/blockSize, buf) != blockSize {
			log.Printf("short block at %d", off)
			continue
		}
		total += uint64(sum(buf))
	}
	fmt.Println(total)
}
