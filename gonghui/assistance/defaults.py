"""The default list of causes of hardship (national archive form); the county edits it as data."""

CAUSES = [
    ("illness", "因病", False),
    ("disability", "因残", True),
    ("disaster", "因灾", False),
    ("education", "子女教育", False),
    ("single_parent", "单亲", False),
    ("unemployment", "下岗失业", False),
    ("zero_employment", "零就业家庭", False),
    ("accident", "意外事故", False),
    ("other", "其他", False),
]


def ensure_causes(model):
    """Add any missing default cause; never renames or revives what the county changed."""
    for order, (code, name, needs_disability) in enumerate(CAUSES, start=1):
        model.objects.get_or_create(code=code, defaults={"name": name, "needs_disability": needs_disability,
                                                         "order": order})  # fmt: skip
