"""Scrapy settings of the snapshots project.

Every setting the project adds is defined and documented here. Operators
override them with ``scrapy crawl tech -s NAME=VALUE`` or, on scrapyd, with
``-d setting=NAME=VALUE`` (values then arrive as strings: components read
them with ``getint``/``getfloat``/``getbool``/``getdict``).
"""

import os

BOT_NAME = "snapshots"

SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# A custom ``crawl`` command that turns a start-up failure of the store
# (MongoDB unreachable) into a non-zero exit code.
COMMANDS_MODULE = "snapshots.commands"

# ---------------------------------------------------------------------------
# Politeness: the defaults are for crawling other people's sites.
# ---------------------------------------------------------------------------
USER_AGENT = "snapshots/0.1 (+news snapshot archive)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
DOWNLOAD_TIMEOUT = 30
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
RETRY_ENABLED = True
RETRY_TIMES = 2
# Scrapy's default list; 500 is retried, so a page that fails once is kept.
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# A 429 or 503 with Retry-After pauses the site's download slot for the time
# asked, at most this many seconds, before the retry (snapshots/retryafter.py;
# counted in snapshots/retry_after/...).
RETRY_AFTER_MAX_DELAY = 60
# A news page is well under 1 MB of HTML. Larger responses, counted on the
# wire and again after decompression (a gzip bomb of 2 MB inflates to
# gigabytes), are given up: snapshots/dropped/too_large. Scrapy's defaults
# (1 GiB, 32 MB) let one such page take the crawl past a gigabyte of memory.
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
# Breadth-first over depth: listings (depth 0-1) before related links.
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
# Hard stop against link loops and calendar traps the URL rules miss. Each
# listing page and each related hop adds one level: the spider raises it
# when MAX_LISTING_PAGES + RELATED_DEPTH would not fit.
DEPTH_LIMIT = 100

# The same article under several URLs (spm/utm_* tracking parameters, a
# trailing "#...") is one request: the add-on below installs
# snapshots.fingerprint.CanonicalRequestFingerprinter.
# Query parameters that never change what a page shows. Names ending in "*"
# are prefixes.
TRACKING_QUERY_PARAMETERS = [
    "spm", "utm_*", "from", "share_token", "share_from", "scene", "src",
    "ref", "refer", "fromid", "wfr", "ivk_sa", "tt_from", "_t",
]

# Add-ons. snapshots.addon.Snapshots wires the project's components: item
# pipelines (validate; store when STORE_ENABLED), request fingerprinter,
# spider middlewares, extensions, and the playwright handler when a listing
# needs a browser (see snapshots/addon.py for the list and its order; an
# entry of your own in ITEM_PIPELINES, EXTENSIONS ... keeps its place, and
# None disables it). The shared frontier (snapshots/frontier/) is on when
# FRONTIER_URL is set.
ADDONS = {
    "snapshots.addon.Snapshots": 0,
    "snapshots.frontier.Frontier": 0,
}
# Write the final crawl stats here as JSON (empty: don't).
STATS_JSON_FILE = ""
# Seconds between progress lines (0: none). They replace Scrapy's
# once-a-minute LogStats line.
PROGRESS_INTERVAL = 5.0
LOGSTATS_INTERVAL = 0
# The closing summary replaces Scrapy's 80-line stats dump, which is logged
# at DEBUG instead (and written whole by STATS_JSON_FILE).
STATS_DUMP = False
# Finish reasons that make the run a failure (non-zero exit code, "failed"
# in the runs collection), besides failed monitors and a crawl whose every
# start URL failed. The monitors do not judge such a run: it never crawled.
FAILED_FINISH_REASONS = ["store_unavailable", "frontier_unavailable"]

# ---------------------------------------------------------------------------
# Monitors (snapshots/monitors.py, Spidermon), run at the end of every crawl.
# A failed monitor fails the run.
# ---------------------------------------------------------------------------
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ["snapshots.monitors.CrawlMonitors"]
# Fewest articles a run must store (articles skipped as stored recently count).
MONITOR_MIN_ARTICLES = 1
# Largest shares of the pages seen that may end in an ERROR log line, or
# dropped (any reason).
MONITOR_MAX_ERROR_RATIO = 0.05
MONITOR_MAX_DROP_RATIO = 0.2
# Smallest share of stored articles that have each field (non-empty).
MONITOR_MIN_FIELD_COVERAGE = {"published_at": 0.8, "source": 0.5, "body": 1.0}
# Listing start URLs that may fail (an error, or HTTP status >= 400).
MONITOR_MAX_UNREACHABLE_START_URLS = 0
# Items that may end in the spill file (MongoDB unreachable or refusing).
MONITOR_MAX_SPILLED = 0
# Failed monitors are appended here, one JSON line per failed run (empty:
# not written).
MONITOR_REPORT_FILE = os.environ.get("MONITOR_REPORT_FILE", "snapshots-monitors.jsonl")
# Spidermon actions run when a monitor fails, e.g.
# ["spidermon.contrib.actions.slack.notifiers.SendSlackMessageSpiderFinished"]
# with its SPIDERMON_SLACK_* settings (README, "Monitors"). None by default.
MONITOR_FAILED_ACTIONS = []
# Exclude start-up objects from garbage collection (snapshots.extensions).
GC_FREEZE = True
# Child processes for the CPU-heavy pure work: article extraction, and the
# store's search terms, near-duplicate signature and page compression
# (snapshots.processes). Empty: one fewer than the CPUs, at most 4; 0: all
# of it in the crawl process.
WORKER_PROCESSES = None
# A task running longer than this (seconds) is given up and its worker
# replaced; a page whose extraction times out is dropped and counted
# (snapshots/dropped/extract_timeout).
WORKER_TIMEOUT = 60
# Outputs processed in parallel per response. An article page yields one
# item and a few requests; Scrapy keeps this many tasks per response alive
# while its item is in the pipelines, and with hundreds of responses in
# flight that bookkeeping cost 15% of the crawl at 16 (the default is 100).
# 2 lets the requests go on while the item is processed.
CONCURRENT_ITEMS = 2
SPIDER_CONTRACTS = {
    "snapshots.contracts.SiteUrlContract": 10,
}

# Item log lines name the page; the default would print the raw HTML.
LOG_FORMATTER = "snapshots.logformatter.SnapshotsLogFormatter"

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("SCRAPY_LOG_LEVEL", "INFO")
# A shorter start-up banner: no library versions (`scrapy version -v`
# prints them), and the lists of enabled components only at DEBUG
# (snapshots/commands/crawl.py). No telnet console: an open Python shell on
# the crawl host is not worth its two banner lines.
LOG_VERSIONS = []
TELNETCONSOLE_ENABLED = False

# ---------------------------------------------------------------------------
# Sites and categories (spiders/category.py, snapshots/sites.py)
# ---------------------------------------------------------------------------
# Folder of extra site profiles (*.toml) read besides the bundled ones in
# snapshots/profiles/. Empty: bundled profiles only.
SITE_PROFILES_DIR = os.environ.get("SITE_PROFILES_DIR", "")
# Profiles to crawl, by name; empty means every profile with enabled = true.
# The bundled real-site profiles are disabled by default.
SITES = []
# Per-profile base URL overrides, e.g. {"demo": "http://127.0.0.1:8765"}:
# relative start URLs in a profile are joined to its base URL. Accepts a
# JSON object string (scrapyd's -d setting=...).
SITE_BASE_URLS = {}
# Base URL of the bundled demo site; the demo profile's default.
DEMO_SITE_URL = os.environ.get("DEMO_SITE_URL", "http://127.0.0.1:8765")

# ---------------------------------------------------------------------------
# Crawl limits (per run). The CLOSESPIDER_* settings of Scrapy also apply.
# ---------------------------------------------------------------------------
# Listing pages followed per category start URL.
MAX_LISTING_PAGES = 50
# How far related-article links are followed from an article found on a
# listing: 0 = not at all, 1 = the related articles of listed articles.
RELATED_DEPTH = 1
# Article pages requested per run across all sites (0 = no limit).
MAX_ARTICLES = 0
# Do not follow listing pages whose dated articles are all older than this
# many days (0 = no window).
SINCE_DAYS = 0

# ---------------------------------------------------------------------------
# Incremental runs
# ---------------------------------------------------------------------------
# An article already stored is fetched again only when its last snapshot is
# older than this many hours.
RESNAPSHOT_INTERVAL_HOURS = 24
# Listing-page URLs are checked against the store in batches of this size.
KNOWN_URL_BATCH_SIZE = 200
# Stop paginating a listing once a page holds only already-known articles.
STOP_AT_KNOWN_LISTING_PAGE = True

# ---------------------------------------------------------------------------
# Shared frontier (snapshots/frontier/, docs/deploy.md): several crawl
# processes, on any hosts, share one request queue and duplicate filter in
# Redis (scrapy-redis).
# ---------------------------------------------------------------------------
# Redis URL, e.g. redis://frontier.internal:6379/0. Empty: Scrapy's own
# scheduler, in memory (or JOBDIR), and redis is never imported.
FRONTIER_URL = os.environ.get("FRONTIER_URL", "")
# A worker whose heartbeat is this many seconds old is dead: the requests it
# had in flight go back to the queue (counted in frontier/requeued).
FRONTIER_LEASE_SECONDS = 60

# ---------------------------------------------------------------------------
# JavaScript listings (scrapy-playwright)
# ---------------------------------------------------------------------------
# The playwright download handler is installed only for crawls that have a
# listing flagged `render = true` (or -a render=1): a crawl without one never
# starts the playwright driver.
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_EXECUTABLE_PATH = os.environ.get("PLAYWRIGHT_EXECUTABLE_PATH", "/usr/bin/chromium")
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 15_000
# Extra launch options for Chromium, merged over the add-on's (headless,
# the executable above, --no-sandbox as root).
PLAYWRIGHT_LAUNCH_OPTIONS = {}
# Milliseconds to wait for a profile's `wait_for` selector on a rendered page.
RENDER_WAIT_TIMEOUT_MS = 8_000

# ---------------------------------------------------------------------------
# Items: extracted and normalized by snapshots/page.py (in a worker
# process), then the pipelines validate and store them.
# ---------------------------------------------------------------------------

# Zone used to read page times that carry no offset (site profiles may set
# their own `timezone`).
DEFAULT_TIMEZONE = "Asia/Shanghai"
# Page times later than the snapshot time plus this skew are rejected as
# implausible.
MAX_FUTURE_SKEW_MINUTES = 10
# Items whose body has fewer characters than this are dropped.
MIN_BODY_CHARS = 50

# ---------------------------------------------------------------------------
# MongoDB store (snapshots/store/)
# ---------------------------------------------------------------------------
# Whether the crawl has a store: the store pipeline, the known-article
# lookups and the start-up check of MongoDB all follow this one setting.
# Off (-s STORE_ENABLED=False), items go only to feeds (-o items.jsonl).
STORE_ENABLED = True
MONGO_URI = os.environ.get("MONGO_URI", "mongodb://127.0.0.1:27017")
MONGO_DATABASE = os.environ.get("MONGO_DATABASE", "snapshots")
# Seconds to wait for MongoDB when the crawl starts.
MONGO_CONNECT_TIMEOUT = 5
# A batch is written when it holds this many items or is this old.
MONGO_BATCH_SIZE = 100
MONGO_FLUSH_SECONDS = 5.0
# Retries (with exponential backoff from MONGO_RETRY_BACKOFF seconds) of a
# batch that fails because MongoDB is unreachable.
MONGO_RETRY_TIMES = 5
MONGO_RETRY_BACKOFF = 0.5
# Once MongoDB is found unreachable, neither the spider's known-article
# lookups nor the batches ask it again (batches go to the spill file at
# once), but for one batch every this many seconds, a probe that closes the
# circuit when it succeeds (snapshots/circuit.py).
STORE_PROBE_INTERVAL = 30
# Where items that still cannot be written at close are appended (JSON
# lines); `python -m snapshots replay FILE` writes them later.
MONGO_SPILL_FILE = os.environ.get("MONGO_SPILL_FILE", "snapshots-spill.jsonl")
# A near-duplicate band key shared by more stored articles than this is
# boilerplate (a template, a stock paragraph): no longer looked up, so that
# the lookup's cost per batch stays flat (snapshots/store/clusters.py;
# counted as snapshots/store/neardup/boilerplate_*).
NEARDUP_BAND_LIMIT = 50

# ---------------------------------------------------------------------------
# Snapshot viewer (python -m snapshots web; snapshots/web/)
# ---------------------------------------------------------------------------
# Address it serves on; loopback only unless changed on purpose.
VIEWER_HOST = "127.0.0.1"
VIEWER_PORT = 8080
# Articles per page of a category listing or a search.
VIEWER_PAGE_SIZE = 20
