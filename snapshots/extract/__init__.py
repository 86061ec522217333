"""Article extraction: a pure function from page bytes and URL to fields.

Free of Scrapy so that it runs the same in the spider, the ``extract``
command and the evaluation script.
"""

from .article import extract_article
from .encoding import decode_html
from .model import Extracted

__all__ = ["Extracted", "decode_html", "extract_article"]
