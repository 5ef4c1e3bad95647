"""Small helpers shared by the tests."""


def body(response) -> str:
    """A response's text, streamed (exports, downloads) or not."""
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def submitted(form, **changes) -> dict:
    """What the browser would send back for a Wagtail editor's ``form`` as rendered (its formsets too),
    with ``changes``; a change to None leaves the field out."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            value = "on" if value else None
        if value is not None:
            data[form[name].html_name] = value
    for formset in form.formsets.values():
        management = formset.management_form
        data.update({management[name].html_name: management[name].value() for name in management.fields})
        for subform in formset.forms:
            data.update({subform[name].html_name: subform[name].value() for name in subform.fields})
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def status_and_location(response) -> tuple[int, str]:
    """A response's status and where it redirects to, without the query string (``?next=…``), to assert
    one answer exactly: ``== (302, "/admin/login/")``. In the Wagtail admin, no admin access at all is
    302 to /admin/login/; admin access without the permission is 302 to the dashboard, /admin/ (Wagtail's
    ``permission_denied``; 403 only for XMLHttpRequest)."""
    return response.status_code, response.get("Location", "").split("?")[0]


def pdf_facts(pdf: bytes) -> dict:
    """What poppler's ``pdfinfo`` said of a PDF, read with pypdf instead (requirements-dev), so that the
    tests need no system package beyond the README's: the header's version, whether it is tagged
    (``/MarkInfo /Marked``), encrypted (``/Encrypt``) and its title. ``strict=True`` parses the whole
    cross-reference table, as pdfinfo does, and refuses a damaged file."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf), strict=True)
    root = reader.trailer["/Root"]
    return {
        "version": pdf[5:8].decode("ascii"),  # "%PDF-1.7"
        "pages": len(reader.pages),
        "tagged": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
        "encrypted": reader.is_encrypted,
        "title": reader.metadata.title if reader.metadata else None,
    }
