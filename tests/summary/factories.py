"""Summary records for other tests."""

from gonghui.summary.models import SectionText


def crawl_records(cast, side):
    """The township's own paragraph of its annual summary (the URL-leak crawl's fixture)."""
    SectionText.objects.create(organization=side.township, year=2008, section="assistance", kind="paragraph",
                               text=f"{side.tag}的帮扶工作。")  # fmt: skip
