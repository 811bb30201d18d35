"""The community guidelines (public, versioned) and their editing by admins."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from engage.extensions import db
from engage.forms import show_refusal
from engage.moderation.blueprint import bp
from engage.moderation.guideline_forms import guidelines_form
from engage.moderation.services import guidelines as service
from engage.moderation.services.errors import ModerationError
from engage.permissions import public, require


@bp.route("/guidelines")
@public
def guidelines():
    version = service.current_guidelines()
    return render_template(
        "moderation/guidelines.html",
        version=version,
        versions=service.all_versions(),
        is_current=True,
    )


@bp.route("/guidelines/versions/<int:number>")
@public
def guideline_version(number: int):
    version = service.guideline_version(number) or abort(404)
    previous = service.previous_version(version)
    changes = service.guideline_changes(version, previous) if previous else None
    current = service.current_guidelines()
    return render_template(
        "moderation/guidelines.html",
        version=version,
        versions=service.all_versions(),
        is_current=current is not None and current.id == version.id,
        previous=previous,
        changes=changes,
        titles=service.titles_by_key(*filter(None, (previous, version))),
        intro_key=service.INTRO_KEY,
    )


@bp.route("/moderation/guidelines/edit", methods=["GET", "POST"])
@require("guidelines:edit")
def edit_guidelines():
    current = service.current_guidelines()
    form = guidelines_form(current)
    if form.validate_on_submit():
        try:
            version = service.publish_guidelines(
                current_user, form.intro_md.data, form.kept_reasons(), form.change_note.data
            )
        except ModerationError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _("Published version %(number)d of the guidelines.", number=version.number),
                "success",
            )
            return redirect(url_for("moderation.guideline_version", number=version.number))
    return render_template(
        "moderation/guidelines_edit.html",
        form=form,
        current=current,
        cited=service.cited_keys(),
    ), (400 if request.method == "POST" else 200)
