"""Authentication backend: the user of every request comes with their organisation."""

from django.contrib.auth.backends import ModelBackend, UserModel


class UserWithOrganizationBackend(ModelBackend):
    """Every page scopes by the user's organisation (its path): one query for both, not two."""

    def get_user(self, user_id):
        try:
            user = UserModel._default_manager.select_related("organization").get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
