"""Site profiles: bundled ones load, bad ones fail naming file and field."""

import pytest

from snapshots.sites import ProfileError, load_profiles, parse_profile, select_profiles


def test_bundled_profiles_load_and_only_demo_ones_are_enabled():
    profiles = load_profiles()
    assert {"demo", "demo-mirror"} <= set(profiles)
    enabled = {name for name, p in profiles.items() if p.enabled}
    assert enabled == {"demo", "demo-mirror"}
    unchecked = [p for p in profiles.values() if not p.checked]
    assert unchecked and all(not p.enabled for p in unchecked)
    assert all("tech" in p.categories for p in profiles.values())


def test_base_url_from_setting_or_override():
    profiles = load_profiles()
    chosen = select_profiles(profiles, ["demo"], {}, {"DEMO_SITE_URL": "http://127.0.0.1:9"}.get)
    urls = [lst.url for lst in chosen[0].listing_urls("tech")]
    assert urls == ["http://127.0.0.1:9/tech/", "http://127.0.0.1:9/tech/live/"]
    assert chosen[0].allowed_domains == ("127.0.0.1",)
    chosen = select_profiles(profiles, ["demo"], {"demo": "http://localhost:7"}, {}.get)
    assert chosen[0].listing_urls("tech")[0].url == "http://localhost:7/tech/"


def test_unknown_site_is_an_error():
    with pytest.raises(ProfileError, match="unknown site profile 'nope'"):
        select_profiles(load_profiles(), ["nope"], {}, {}.get)


@pytest.mark.parametrize("data, message", [
    ({"categories": {"tech": {"listings": ["/x"]}}, "base_url": "http://a"}, "field 'name' is required"),
    ({"name": "x", "base_url": "http://a"}, "field 'categories' is required"),
    ({"name": "x", "base_url": "http://a", "categories": {"tech": {"listings": []}}},
     "categories.tech: field 'listings' must not be empty"),
    ({"name": "x", "allowed_domains": ["a"], "categories": {"tech": {"listings": ["/x"]}}},
     "listing '/x' is relative but no base_url"),
    ({"name": "x", "base_url": "http://a", "article_url_pattern": "(",
      "categories": {"tech": {"listings": ["/x"]}}}, "'article_url_pattern' is not a valid regex"),
    ({"name": "x", "base_url": "http://a", "limits": {"max_pages": 3},
      "categories": {"tech": {"listings": ["/x"]}}}, "limits.max_pages is not one of"),
    ({"name": "x", "base_url": "http://a", "selectors": {"headline": "h1"},
      "categories": {"tech": {"listings": ["/x"]}}}, "selectors.headline is not one of"),
    ({"name": "x", "base_url": "http://a", "enabled": "yes",
      "categories": {"tech": {"listings": ["/x"]}}}, "field 'enabled' must be bool"),
    ({"name": "x", "base_url": "http://a", "colour": "red",
      "categories": {"tech": {"listings": ["/x"]}}}, "unknown field 'colour'"),
    ({"name": "x", "base_url": "http://a",
      "categories": {"tech": {"listings": [{"render": True}]}}}, r"listings\[0\]: field 'url' is required"),
])
def test_invalid_profiles_name_file_and_field(data, message):
    with pytest.raises(ProfileError, match=message) as err:
        parse_profile(data, "my/site.toml")
    assert str(err.value).startswith("my/site.toml")


def test_extra_profile_dir_and_toml_errors(tmp_path):
    (tmp_path / "good.toml").write_text(
        'name = "good"\nbase_url = "https://good.example"\n[categories.tech]\nlistings = ["/t/"]\n',
        encoding="utf-8")
    assert load_profiles(tmp_path)["good"].listing_urls("tech")[0].url == "https://good.example/t/"
    (tmp_path / "bad.toml").write_text("name = ", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"bad\.toml: not valid TOML"):
        load_profiles(tmp_path)
