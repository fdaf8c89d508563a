import { setFlagsFromString } from 'node:v8';

/*
 * How far V8 lets the heap grow before its next full collection. Left to itself, with a server's
 * allocation rate it picks a factor near 4: with 8,000 sockets the live heap is about 150 MB but the
 * heap reached 450 MB between collections and the process 650 MB. A factor of 2 kept it at 440 MB
 * with the same CPU use and event-loop delay (test/bench/README.md). Read by V8 at every
 * collection, so setting it once at start-up is enough; the server's entry points import this
 * first.
 */
setFlagsFromString('--heap-growing-percent=100');
