from __future__ import annotations

from kpversion.text.front_matter import MAX_FRONT_MATTER, split_front_matter


def test_title_and_description_come_from_the_yaml() -> None:
    text = (
        "---\ntitle: GitHub Privacy\ndescription: >\n  How we\n  handle data.\n"
        "redirect_from:\n  - /privacy\n---\n\n# Body\n"
    )
    found = split_front_matter(text)
    assert (found.title, found.description) == ("GitHub Privacy", "How we handle data.")
    assert found.body == "# Body\n"


def test_broken_or_odd_yaml_leaves_the_fields_empty_and_the_body_alone() -> None:
    for block in ("title: [unclosed", "- a list", "title: 12", "a: &x [*x]"):
        found = split_front_matter(f"---\n{block}\n---\nBody\n")
        assert (found.title, found.description, found.body) == ("", "", "Body\n")
    assert split_front_matter("No front matter\n---\n").body == "No front matter\n---\n"
    huge = "---\ntitle: x\n" + "k: v\n" * (MAX_FRONT_MATTER // 4) + "---\nBody\n"
    assert split_front_matter(huge).title == "" and split_front_matter(huge).body == "Body\n"
