from django.apps import AppConfig


class UploadsConfig(AppConfig):
    name = "dcfp.uploads"
    label = "uploads"
    verbose_name = "Uploaded files"

    def ready(self) -> None:
        from dcfp.uploads import checks  # noqa: F401  (registers the storage location check)
