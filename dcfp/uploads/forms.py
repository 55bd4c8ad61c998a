"""The form field for an uploaded document: refused on the form with the same messages the service
gives, so a person sees why next to the field and nothing is stored."""

from django import forms

from dcfp.uploads.validation import ACCEPTED, UploadRefused, recognise


class DocumentField(forms.FileField):
    """A PDF or DOCX of at most 20 MB, recognised by content."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", f"A {ACCEPTED}, 20 MB at most.")
        kwargs.setdefault("error_messages", {"required": "Select a file", "empty": "The selected file is empty"})
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("class", "govuk-file-upload")
        self.widget.attrs.setdefault(
            "accept",
            ".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file:
            try:
                recognise(file, file.size)
            except UploadRefused as refused:
                raise forms.ValidationError(str(refused), code=refused.code) from refused
        return file
