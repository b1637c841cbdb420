"""employee imports

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 09:11:24.580577+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from koers.core.db import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "employee_imports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "queued",
                "validating",
                "running",
                "succeeded",
                "failed",
                name="employee_import_state",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("file_format", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("file_path", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("total_rows", sa.Integer(), nullable=True),
        sa.Column("processed_rows", sa.Integer(), nullable=False),
        sa.Column("created_count", sa.Integer(), nullable=False),
        sa.Column("updated_count", sa.Integer(), nullable=False),
        sa.Column("unchanged_count", sa.Integer(), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.Column("failure_reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("claimed_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("heartbeat_at", UTCDateTime(), nullable=True),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_employee_imports_created_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_employee_imports_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee_imports")),
    )
    with op.batch_alter_table("employee_imports", schema=None) as batch_op:
        batch_op.create_index("ix_employee_imports_org_created", ["organisation_id", "created_at", "id"], unique=False)
        batch_op.create_index("ix_employee_imports_state_created", ["state", "created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("employee_imports", schema=None) as batch_op:
        batch_op.drop_index("ix_employee_imports_state_created")
        batch_op.drop_index("ix_employee_imports_org_created")

    op.drop_table("employee_imports")
