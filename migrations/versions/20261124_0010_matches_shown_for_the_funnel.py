"""matches shown, for the evaluation funnel

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24 00:55:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('match_shown',
    sa.Column('sme_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('first_shown_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['investment_request.id'], name=op.f('fk_match_shown_request_id_investment_request'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sme_id'], ['sme_profile.id'], name=op.f('fk_match_shown_sme_id_sme_profile'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sme_id', 'request_id', name=op.f('pk_match_shown'))
    )
    with op.batch_alter_table('match_shown', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_match_shown_request_id'), ['request_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('match_shown', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_match_shown_request_id'))
    op.drop_table('match_shown')
