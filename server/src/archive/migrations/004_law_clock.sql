-- The law's clock (issue 17): the legal and redirect deadlines, the extension, the outcome and
-- the latest quality-control callback of each appeal, as the shared reducer folds them.
-- Nullable: rows archived before this migration have none (read back as counted on the
-- built-in calendar, appealsTable.ts). `calendar.year_added` events are not stored here: they
-- concern no appeal; their effect is in each appeal's legal_due_at.
ALTER TABLE appeals
  ADD COLUMN legal_due_at      timestamptz,
  ADD COLUMN legal_provisional boolean,
  ADD COLUMN redirect_due_at   timestamptz,
  ADD COLUMN extension_months  smallint,
  ADD COLUMN extension_reason  text,
  ADD COLUMN extended_at       timestamptz,
  ADD COLUMN outcome           text,
  ADD COLUMN feedback_result   text,
  ADD COLUMN feedback_rating   smallint,
  ADD COLUMN feedback_comment  text,
  ADD COLUMN feedback_at       timestamptz;

-- Reports of legally overdue appeals (open past the legal deadline).
CREATE INDEX appeals_open_legal_due ON appeals (legal_due_at)
  WHERE status NOT IN ('resolved', 'closed', 'rejected');
