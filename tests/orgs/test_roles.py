"""What each role may do: one table, decided by the properties on User and nowhere else."""

import pytest

from gonghui.orgs.models import Role, User

CAPABILITIES = ["can_edit", "can_unmask_id_numbers", "can_see_minors", "can_read_audit", "can_configure"]
EXPECTED = {
    Role.FEDERATION_ADMIN: {"can_edit", "can_unmask_id_numbers", "can_see_minors", "can_read_audit",
                            "can_configure"},
    Role.COMMITTEE_OFFICER: {"can_edit", "can_unmask_id_numbers", "can_see_minors"},
    Role.GRASSROOTS_OFFICER: {"can_edit"},
    Role.LEADER: set(),
    Role.AUDITOR: {"can_read_audit"},
}  # fmt: skip


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_has_exactly_its_capabilities(role):
    user = User(username="x", role=role)
    assert {c for c in CAPABILITIES if getattr(user, c)} == EXPECTED[role]


def test_a_superuser_may_do_everything():
    user = User(username="root", is_superuser=True, role=Role.LEADER)
    assert all(getattr(user, c) for c in CAPABILITIES)
