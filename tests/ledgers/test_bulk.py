from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.ledgers.bulk import fast_initials
from gonghui.people.demo import GIVEN, SURNAMES
from gonghui.people.pinyin import initials

common = st.sampled_from(SURNAMES + GIVEN + "长重乐朝行单曾解区·A x")
anything = st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.one_of(common, anything), max_size=6))
def test_fast_initials_are_exactly_those_the_person_form_stores(name):
    assert fast_initials(name) == initials(name)
