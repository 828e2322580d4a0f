-- crmdesk schema, version 10: reaching clients (issue 18): letter and e-mail
-- templates, the batches of letters, labels, envelopes (and e-mails) with the
-- outgoing exchange each one recorded on a client's history, lots on order
-- lines, product recalls and who was told. Written by
-- crmdesk/store/templates.py, outreach.py and recall.py; the rules are in
-- crmdesk/domain/templates.py (merge fields), postal.py (NF Z10-011),
-- labels.py (sheet formats) and outreach.py (who may be written to).

-- Templates kept in the client file. `body` is the text in the small markup
-- of domain/templates.py (<p>, <b>, <i>, <br/>) with merge fields in braces
-- ({prenom}); `subject` is an e-mail's subject, a letter's « Objet : » line.
-- `purpose` names what a shipped template is for (loyalty_expiry, birthday,
-- reactivation, first_order, home_party, complaint_answer, survey, recall):
-- the recall view picks its letter by it; '' for the user's own templates.
CREATE TABLE templates (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    kind       TEXT NOT NULL DEFAULT 'letter' CHECK (kind IN ('letter', 'email')),
    subject    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    purpose    TEXT NOT NULL DEFAULT '',
    created_at TEXT,                  -- NULL: shipped with crmdesk (inserted below)
    updated_at TEXT
);

-- One row per batch sent out: letters printed, a label sheet, envelopes, a
-- batch of e-mails. `channel` is how; `selection` says in words who it was
-- for (« segment À risque »); undone_at is set when the batch is undone.
CREATE TABLE outreach_batches (
    id            INTEGER PRIMARY KEY,
    channel       TEXT NOT NULL CHECK (channel IN ('letter', 'labels', 'envelope', 'email')),
    template_id   INTEGER REFERENCES templates(id) ON DELETE SET NULL,
    template_name TEXT NOT NULL DEFAULT '',
    subject       TEXT NOT NULL DEFAULT '',
    selection     TEXT NOT NULL DEFAULT '',
    at            TEXT NOT NULL,
    recipients    INTEGER NOT NULL DEFAULT 0,
    undone_at     TEXT
);

-- Who a batch is for, and how far it went: 'pending' (an e-mail not sent
-- yet: a batch interrupted is resumed from these), 'done' (written, printed
-- or sent: its exchange is in `interactions`), 'refused' (an SMTP server
-- refused it; `detail` says why). `last_contact` keeps the contact's
-- « last contact » date before the batch, put back by an undo while it still
-- holds the batch's day.
CREATE TABLE outreach_recipients (
    batch_id     INTEGER NOT NULL REFERENCES outreach_batches(id) ON DELETE CASCADE,
    contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'refused')),
    detail       TEXT,
    last_contact TEXT,
    PRIMARY KEY (batch_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX outreach_recipients_by_contact ON outreach_recipients(contact_id);

-- The outgoing exchange a batch wrote on a client's history names its batch
-- (an undo deletes those not changed by hand since).
ALTER TABLE interactions ADD COLUMN outreach_batch INTEGER REFERENCES outreach_batches(id) ON DELETE SET NULL;
CREATE INDEX interactions_by_outreach ON interactions(outreach_batch) WHERE outreach_batch IS NOT NULL;

-- The lot (batch) number of what an order line sold, as printed on the
-- product; compared without regard to case by a recall.
ALTER TABLE order_lines ADD COLUMN lot TEXT;
CREATE INDEX order_lines_by_lot ON order_lines(lot COLLATE NOCASE) WHERE lot IS NOT NULL;
-- A recall by product reads its lines (dash_lines_by_product of 005 holds
-- only the lines without a category of their own).
CREATE INDEX order_lines_by_product ON order_lines(product_id);

-- A product recall (EU regulation 178/2002, art. 18): who bought a product
-- (or a lot) between two dates. The clients are found again from the orders
-- each time; recall_contacts keeps who was told, and when (« prévenu le »),
-- and the batch of letters that told them (cleared when it is undone).
CREATE TABLE recalls (
    id          INTEGER PRIMARY KEY,
    product_id  INTEGER REFERENCES products(id) ON DELETE SET NULL,
    lot         TEXT,
    date_from   TEXT NOT NULL,
    date_to     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    CHECK (product_id IS NOT NULL OR lot IS NOT NULL),
    CHECK (date_from <= date_to)
);
CREATE TABLE recall_contacts (
    recall_id   INTEGER NOT NULL REFERENCES recalls(id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    notified_on TEXT NOT NULL,
    batch_id    INTEGER REFERENCES outreach_batches(id) ON DELETE SET NULL,
    PRIMARY KEY (recall_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX recall_contacts_by_contact ON recall_contacts(contact_id);

-- The shipped templates, in French (the documents of a French business).
INSERT INTO templates(name, kind, subject, body, purpose) VALUES
('Points de fidélité bientôt expirés', 'letter',
 'Vos {points_a_expirer} points de fidélité expirent le {date_expiration_points}',
 '<p>{formule_appel},</p>'
 || '<p>Votre compte fidélité compte aujourd''hui <b>{points_fidelite} points</b>. Parmi eux, '
 || '<b>{points_a_expirer} points</b> arrivent à échéance le <b>{date_expiration_points}</b> : passé cette '
 || 'date, ils ne pourront plus être utilisés.</p>'
 || '<p>Profitez de votre prochaine visite ou de votre prochaine commande pour les échanger contre une '
 || 'récompense : il suffit de rappeler votre numéro client, <b>{code_client}</b>.</p>'
 || '<p>Nous vous remercions de votre fidélité et vous prions d''agréer, {formule_appel}, l''expression de '
 || 'nos salutations distinguées.</p>'
 || '<p>Le service clients<br/>{expediteur}</p>',
 'loyalty_expiry'),
('Joyeux anniversaire', 'letter',
 'Joyeux anniversaire !',
 '<p>{formule_appel},</p>'
 || '<p>Toute l''équipe de {expediteur} vous souhaite un <b>très joyeux anniversaire</b> !</p>'
 || '<p>Pour l''occasion, un petit cadeau vous attend lors de votre prochain passage ou de votre prochaine '
 || 'commande : présentez simplement ce courrier ou rappelez votre numéro client, <b>{code_client}</b>.</p>'
 || '<p>Au plaisir de vous revoir très bientôt,</p>'
 || '<p>L''équipe {expediteur}</p>',
 'birthday'),
('Relance des clients à risque', 'letter',
 'Vous nous manquez !',
 '<p>{formule_appel},</p>'
 || '<p>Votre dernière commande chez nous remonte au {derniere_commande_date} : vous nous manquez !</p>'
 || '<p>Pour vous remercier de votre confiance, nous vous réservons une <b>offre privilège</b>, valable un '
 || 'mois sur votre prochaine commande. Il vous suffit de rappeler votre numéro client, '
 || '<b>{code_client}</b>.</p>'
 || '<p>Nos nouveautés de saison vous attendent : n''hésitez pas à nous contacter pour tout conseil.</p>'
 || '<p>Nous vous prions d''agréer, {formule_appel}, l''expression de nos salutations distinguées.</p>'
 || '<p>Le service clients<br/>{expediteur}</p>',
 'reactivation'),
('Merci pour votre première commande', 'letter',
 'Merci pour votre première commande',
 '<p>{formule_appel},</p>'
 || '<p>Vous avez passé votre première commande chez nous le {derniere_commande_date}, pour un montant de '
 || '{derniere_commande_montant} : <b>merci de votre confiance</b> !</p>'
 || '<p>Votre numéro client est le <b>{code_client}</b> : rappelez-le à chaque commande pour cumuler des '
 || 'points de fidélité.</p>'
 || '<p>Nous restons à votre écoute pour toute question.</p>'
 || '<p>Bien cordialement,</p>'
 || '<p>Le service clients<br/>{expediteur}</p>',
 'first_order'),
('Invitation à recevoir une réunion à domicile', 'letter',
 'Et si vous receviez vos amis ?',
 '<p>{formule_appel},</p>'
 || '<p>Nous serions ravis de vous proposer d''organiser chez vous une <b>réunion à domicile</b> : notre '
 || 'conseillère présente la collection à vos invités, dans une ambiance conviviale, sans aucune obligation '
 || 'd''achat.</p>'
 || '<p>En tant qu''<b>hôtesse</b>, vous recevez un <b>bon d''achat de 10 % des ventes</b> de votre réunion, '
 || 'à utiliser sur toute la collection.</p>'
 || '<p>Pour choisir une date, il vous suffit de nous appeler ou de nous répondre en rappelant votre numéro '
 || 'client, {code_client}.</p>'
 || '<p>Dans l''attente du plaisir de vous rencontrer, nous vous prions d''agréer, {formule_appel}, '
 || 'l''expression de nos sentiments les meilleurs.</p>'
 || '<p>{expediteur}</p>',
 'home_party'),
('Réponse à une réclamation (clôture)', 'letter',
 'Réponse à votre réclamation',
 '<p>{formule_appel},</p>'
 || '<p>Vous nous avez fait part d''une réclamation, et nous vous remercions de nous avoir permis '
 || 'd''examiner la situation.</p>'
 || '<p>Après étude de votre dossier, nous vous confirmons la solution suivante : <i>(précisez ici la '
 || 'réponse apportée et, le cas échéant, le geste commercial)</i>.</p>'
 || '<p>Si cette réponse ne vous convenait pas, vous pouvez nous écrire à l''adresse ci-dessus. En dernier '
 || 'recours, vous pouvez saisir gratuitement le médiateur de la consommation dont nous relevons.</p>'
 || '<p>Nous vous prions d''agréer, {formule_appel}, l''expression de nos salutations distinguées.</p>'
 || '<p>Le service clients<br/>{expediteur}</p>',
 'complaint_answer'),
('Invitation à l''enquête de satisfaction', 'letter',
 'Votre avis nous intéresse',
 '<p>{formule_appel},</p>'
 || '<p>Votre avis compte beaucoup pour nous. Accepteriez-vous de nous consacrer deux minutes ?</p>'
 || '<p>Notez de <b>1 à 5</b> votre satisfaction, et de <b>0 à 10</b> la probabilité que vous nous '
 || 'recommandiez à un proche, puis renvoyez-nous ce courrier ou donnez-nous vos notes lors de votre '
 || 'prochaine visite, en rappelant votre numéro client, <b>{code_client}</b>.</p>'
 || '<p>Satisfaction (1 à 5) : ______      Recommandation (0 à 10) : ______</p>'
 || '<p>Merci par avance de votre participation.</p>'
 || '<p>Le service clients<br/>{expediteur}</p>',
 'survey'),
('Rappel de produit', 'letter',
 'Rappel de produit : {produit}',
 '<p>{formule_appel},</p>'
 || '<p>Nos registres indiquent que vous avez acheté le produit <b>{produit}</b> (lot {lot}) le '
 || '{date_achat}.</p>'
 || '<p>Par mesure de précaution, <b>nous procédons au rappel de ce produit</b>. Nous vous demandons de '
 || '<b>ne plus le consommer ni l''utiliser</b>, et de le rapporter en magasin ou de nous contacter : il vous '
 || 'sera remboursé ou échangé.</p>'
 || '<p>Nous vous prions de nous excuser pour la gêne occasionnée et restons à votre disposition pour toute '
 || 'question.</p>'
 || '<p>Nous vous prions d''agréer, {formule_appel}, l''expression de nos salutations distinguées.</p>'
 || '<p>Le service qualité<br/>{expediteur}</p>',
 'recall');
