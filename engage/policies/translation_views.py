"""Staff enter a version's translations; readers ask for one in their language."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from engage.extensions import db, limiter
from engage.formatting import language_name
from engage.forms import show_refusal
from engage.permissions import public, require
from engage.policies import translations
from engage.policies.models import Policy
from engage.policies.services import CatalogError
from engage.policies.translation_forms import TranslationRequestForm, translation_form
from engage.reference import language

bp = Blueprint("translations", __name__)


def _policy(slug: str) -> Policy:
    return db.first_or_404(db.select(Policy).where(Policy.slug == slug))


def _version(policy: Policy, number: int):
    return policy.version(number) or abort(404)


def _language(code: str):
    if code not in translations.translatable_languages():
        abort(404)
    return language(code)


@bp.route("/staff/policies/<slug>/translations")
@require("policy:translate")
def index(slug: str):
    policy = _policy(slug)
    version = policy.current_version or abort(404)
    return render_template(
        "staff/translations.html",
        policy=policy,
        version=version,
        city_languages=[language(code) for code in translations.translatable_languages()],
        existing=translations.translations_of(version),
        requests=translations.requests_by_language(version),
    )


@bp.route(
    "/staff/policies/<slug>/versions/<int:number>/translations/<code>", methods=["GET", "POST"]
)
@require("policy:translate")
def edit(slug: str, number: int, code: str):
    policy = _policy(slug)
    version, lang = _version(policy, number), _language(code)
    existing = translations.translation_for(version, code)
    keys = [section.key for section in version.sections]
    form = translation_form(keys, data=_initial(existing))
    if form.validate_on_submit():
        try:
            translations.save_translation(
                current_user, version, code, form.translator.data or "", form.section_texts()
            )
        except CatalogError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _("The %(language)s translation is saved.", language=language_name(lang.code)),
                "success",
            )
            return redirect(url_for("translations.index", slug=slug))
    return render_template(
        "staff/translation_form.html",
        policy=policy,
        version=version,
        language=lang,
        form=form,
        existing=existing,
        originals={section.key: section for section in version.sections},
    )


def _initial(existing) -> dict:
    if existing is None:
        return {}
    data = {"translator": existing.translator}
    data.update({f"section_{s.section_key}": s.body_md for s in existing.sections})
    return data


@bp.route("/policies/<slug>/translation-requests", methods=["POST"])
@public
@limiter.limit("20 per hour")
def ask(slug: str):
    policy = _policy(slug)
    version = policy.current_version or abort(404)
    form = TranslationRequestForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        counted = translations.request_translation(current_user, version, form.language.data)
    except CatalogError:
        abort(400)
    db.session.commit()
    lang = language(form.language.data)
    if counted:
        flash(
            _(
                "Thank you: your request for %(language)s is counted, and city staff see it.",
                language=lang.native_name,
            ),
            "success",
        )
    else:
        flash(_("You already asked for this translation; it is counted."), "info")
    return redirect(url_for("policies.detail", slug=slug, lang=lang.code) + "#policy-text")
