"""``scrapy crawl tech``: the 科技 category on every configured site."""

from spiders.category import CategorySpider


class TechSpider(CategorySpider):
    name = "tech"
    category = "tech"
