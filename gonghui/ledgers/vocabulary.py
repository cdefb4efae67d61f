"""The words offices write above their columns and in their cells, shared by every ledger kind.

One list each, so kinds do not drift: a header one township writes (乡镇街道, 村(社区)名称) is
understood in every area's ledger. Headers are matched after full-width, bracket and space
normalisation, so 乡（镇） here also matches 乡(镇).
"""

TOWNSHIP_ALIASES = ("乡(镇)", "乡镇(街道)", "所属乡镇", "乡镇名称", "镇(乡)", "乡镇街道")
VILLAGE_ALIASES = ("村(居)委会", "村(居)", "村", "社区", "村居", "村名", "所属村", "村(社区)名称", "村委会")

# Province-level divisions as destinations are written (广东省东莞市 → 广东). 黔州 is the demo
# county's province; 贵州 is the real one offices write.
PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
    "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "黔州", "贵州", "云南", "西藏",
    "陕西", "甘肃", "青海", "宁夏", "新疆",
)  # fmt: skip
