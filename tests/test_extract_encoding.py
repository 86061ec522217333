import pytest

from snapshots.extract import decode_html, extract_article

TEXT = "快科技3月23日消息，小米汽车工厂迎来访客。"
PAGE = f"<html><head><title>标题</title></head><body><p>{TEXT}</p></body></html>"


def test_gbk_bytes_without_any_declaration():
    text, encoding = decode_html((PAGE * 3).encode("gbk"), None)
    assert TEXT in text
    assert encoding == "gb18030"


def test_gb2312_label_is_read_as_gb18030():
    # "镕" is outside GB2312; pages labelled gb2312 still use such characters.
    page = '<meta charset="gb2312"><p>三星李在镕造访小米</p>'.encode("gb18030")
    text, encoding = decode_html(page, None)
    assert "李在镕" in text and encoding == "gb18030"


def test_meta_http_equiv():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">'
            f"</head><body>{TEXT}</body></html>").encode("gbk")
    assert TEXT in decode_html(page, None)[0]


def test_bom_wins_over_header():
    text, encoding = decode_html(b"\xef\xbb\xbf" + PAGE.encode("utf-8"), "gbk")
    assert TEXT in text and encoding == "utf_8"
    assert not text.startswith("\ufeff")


def test_header_charset_beats_meta():
    page = f'<meta charset="utf-8"><p>{TEXT}</p>'.encode("gbk")
    assert TEXT in decode_html(page, "text/html; charset=GBK")[0]
    assert TEXT in decode_html(page, "gbk")[0]


def test_utf8_page_with_wrong_gb2312_label():
    page = f'<meta charset="gb2312"><p>{TEXT}</p>'.encode("utf-8")
    text, encoding = decode_html(page, None)
    assert TEXT in text and encoding == "utf_8"


def test_xml_declaration():
    page = f'<?xml version="1.0" encoding="gbk"?><html><body><p>{TEXT}</p></body></html>'.encode("gbk")
    assert TEXT in decode_html(page, None)[0]
    assert TEXT in extract_article(page, "http://example.com/").body[0]


def test_unknown_label_falls_back_to_detection():
    page = f'<meta charset="unset"><p>{TEXT * 4}</p>'.encode("gbk")
    assert TEXT in decode_html(page, None)[0]


@pytest.mark.parametrize("data", [b"", b"   "])
def test_empty_input_is_not_html(data):
    with pytest.raises(ValueError):
        extract_article(data, "http://example.com/")
