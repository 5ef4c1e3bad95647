"""A deleted package's files go once its row's deletion has committed (a rolled-back delete keeps them)."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import services
from .models import ContentPackage


@receiver(post_delete, sender=ContentPackage)
def remove_files_of_deleted_package(sender, instance, **kwargs):
    transaction.on_commit(partial(services.package_delete_files, package=instance))
