/** JMH benchmarks for the engine; run them from the shaded jar (see bench/README.md), never from tests. */
package netmon.bench;
