"""Spider contracts (``scrapy check``) for callbacks on configured sites."""

from __future__ import annotations

from urllib.parse import urljoin

from scrapy.contracts import Contract


class SiteUrlContract(Contract):
    """``@site_url PATH``: like ``@url``, with PATH joined to the demo site's
    base URL (``DEMO_SITE_URL``), whose port is chosen when it starts."""

    name = "site_url"

    def adjust_request_args(self, args):
        settings = args["callback"].__self__.settings  # the bound callback's spider
        base = settings.get("DEMO_SITE_URL").rstrip("/") + "/"
        args["url"] = urljoin(base, self.args[0].lstrip("/"))
        return args
