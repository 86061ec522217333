"""Spider contracts (``scrapy check``) for callbacks on configured sites."""

from __future__ import annotations

from urllib.parse import urljoin

from scrapy.contracts import Contract


class SiteUrlContract(Contract):
    """``@site_url PATH``: like ``@url``, with PATH joined to the demo site's
    base URL (``DEMO_SITE_URL``), whose port is chosen when it starts."""

    name = "site_url"

    def adjust_request_args(self, args):
        spider = self.testcase_pre.__self__ if hasattr(self, "testcase_pre") else None
        settings = getattr(getattr(self.method, "__self__", None), "settings", None) or spider.settings
        args["url"] = urljoin(settings.get("DEMO_SITE_URL").rstrip("/") + "/", self.args[0].lstrip("/"))
        return args
