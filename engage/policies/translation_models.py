"""Translations of a policy version, entered by staff, one language at a time."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db
from engage.types import UTCDateTime, utcnow


class VersionTranslation(db.Model):
    """A version's sections in one language; the reader sees when it was made."""

    __tablename__ = "version_translations"
    __table_args__ = (UniqueConstraint("version_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(String(12))
    translated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    translated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    # Who made it (a vendor, a department's bilingual staff ...), shown to readers.
    translator: Mapped[str] = mapped_column(String(200), default="")

    version = relationship("PolicyVersion")
    sections = relationship(
        "SectionTranslation",
        back_populates="translation",
        cascade="all, delete-orphan",
    )

    @property
    def policy(self):
        return self.version.policy

    def section(self, key: str) -> "SectionTranslation | None":
        return next((s for s in self.sections if s.section_key == key), None)


class SectionTranslation(db.Model):
    __tablename__ = "section_translations"
    __table_args__ = (UniqueConstraint("translation_id", "section_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(
        ForeignKey("version_translations.id", ondelete="CASCADE"), index=True
    )
    section_key: Mapped[str] = mapped_column(String(60))
    body_md: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")

    translation = relationship("VersionTranslation", back_populates="sections")


class TranslationRequest(db.Model):
    """A reader asked for a version in their language: staff see the demand per language."""

    __tablename__ = "translation_requests"
    __table_args__ = (UniqueConstraint("version_id", "language", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(String(12))
    # None for a signed-out reader (counted, never shown).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
