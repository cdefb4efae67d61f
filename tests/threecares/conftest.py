import pytest
from django.core.cache import cache  # noqa: F401


@pytest.fixture
def client_as(client):
    def login(user):
        client.force_login(user)
        return client

    return login
