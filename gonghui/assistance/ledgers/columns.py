"""Columns and helpers the assistance ledger kinds share: name, ID number, township, village."""

import datetime

from gonghui.ledgers.registry import Column
from gonghui.ledgers.vocabulary import TOWNSHIP_ALIASES, VILLAGE_ALIASES
from gonghui.people import idnumbers

EXAMPLE_ID = idnumbers.make_valid("520199", datetime.date(1975, 3, 8), 1)
NAME = Column("name", "姓名", "name", required=True, aliases=["户主姓名", "职工姓名", "当事人姓名", "受助人姓名"],
              example="张三")  # fmt: skip
ID_NUMBER = Column("id_number", "身份证号", "id_number", required=True,
                   aliases=["身份证号码", "公民身份号码", "身份证", "证件号码", "户主身份证号"], example=EXAMPLE_ID,
                   help="18位；请把本列设为“文本”。")  # fmt: skip
TOWNSHIP = Column("township", "乡镇", "place", place="township", aliases=TOWNSHIP_ALIASES, example="高桥镇")
VILLAGE = Column("village", "村(社区)", "place", place="village", within="township", aliases=VILLAGE_ALIASES,
                 example="高桥村")  # fmt: skip
MODEL_LEVELS = {"全国": "national", "国家级": "national", "省级": "provincial", "省": "provincial", "市级": "city",
                "市": "city", "县级": "county", "县": "county"}  # fmt: skip


def _owner(row, ctx):
    """The union answerable for the row's village or township, if inside the importer's subtree."""
    place = row["village"] or row["township"]
    if place is not None and place.organization.path.startswith(ctx.organization.path):
        return place.organization
    return ctx.organization


def _people(rows, ctx):
    return ctx.ensure_people(rows, township="township", village="village")
