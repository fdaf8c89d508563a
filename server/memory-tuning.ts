import { setFlagsFromString } from 'node:v8';

/*
 * How far V8 lets the heap grow before its next full collection: twice the live heap, where V8
 * left to itself picks about four times under a server's allocation rate and the RSS follows
 * (ARCHITECTURE.md "Memory"). Read at every collection; the server's entry points import this first.
 */
setFlagsFromString('--heap-growing-percent=100');
