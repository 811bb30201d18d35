"""Public catalog pages: policies, versions, diffs, departments and technologies."""

from flask import Blueprint, render_template

from engage.permissions import public

bp = Blueprint("policies", __name__)


@bp.route("/policies")
@public
def catalog():
    return render_template("policies/catalog.html")


@bp.route("/departments")
@public
def departments():
    return render_template("policies/catalog.html")


@bp.route("/technologies")
@public
def technologies():
    return render_template("policies/catalog.html")


@bp.route("/policies/<slug>")
@public
def detail(slug: str):
    return render_template("policies/catalog.html")
