-- crmdesk schema: a survey answer may answer the satisfaction survey sent at
-- the closure of a complaint (issue 18). Written by crmdesk/store/indicators.py
-- (typed or imported with the complaint's reference); read by
-- crmdesk/store/complaints.py: the client's answer decides whether the client
-- is « satisfied again » (domain/complaints.py: resatisfied).
ALTER TABLE survey_answers ADD COLUMN complaint_id INTEGER REFERENCES complaints(id) ON DELETE SET NULL;
CREATE INDEX survey_answers_by_complaint ON survey_answers(complaint_id) WHERE complaint_id IS NOT NULL;
