"""The bundled demo news site: made-up Chinese tech news served on loopback.

The crawler, the tests and the benchmarks crawl it, since nothing on the
internet can be crawled where they run. ``server.start()`` serves it from a
thread; ``python -m snapshots demo`` in the foreground. README.md in this
package lists every page and every special case it serves on purpose.
"""
