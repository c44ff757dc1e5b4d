// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reviewsidepanel.h"

#include "reviewhistorymodel.h"

#include <ui/audit/auditformat.h>

#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QTextDocument>
#include <QVBoxLayout>

namespace cp::ui {

namespace {

QLabel *richLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

QString plain(const QString &rich)
{
    QTextDocument doc;
    doc.setHtml(rich);
    return doc.toPlainText();
}

} // namespace

ReviewSidePanel::ReviewSidePanel(QWidget *parent)
    : QWidget(parent)
    , m_counts(richLabel(this))
    , m_agreement(richLabel(this))
    , m_historyTitle(new QLabel(this))
    , m_historyNote(new QLabel(this))
    , m_history(new QTableView(this))
    , m_historyModel(new ReviewHistoryModel(this))
{
    m_counts->setObjectName(QStringLiteral("reviewCounts"));
    m_agreement->setObjectName(QStringLiteral("reviewAgreement"));
    m_history->setObjectName(QStringLiteral("reviewHistory"));
    m_history->setModel(m_historyModel);
    m_history->verticalHeader()->hide();
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setFocusPolicy(Qt::NoFocus);  // the page's single keys stay with the page
    m_history->setWordWrap(true);
    m_history->setMinimumHeight(140);
    m_historyNote->setWordWrap(true);
    m_historyNote->setStyleSheet(QStringLiteral("QLabel { color: #555555; }"));
    m_historyNote->hide();

    auto *historyBox = new QGroupBox(tr("History of this pair"), this);
    auto *h = new QVBoxLayout(historyBox);
    h->addWidget(m_historyTitle);
    h->addWidget(m_history, 1);
    h->addWidget(m_historyNote);
    auto *countsBox = new QGroupBox(tr("Consensus so far"), this);
    auto *c = new QVBoxLayout(countsBox);
    c->addWidget(m_counts);
    auto *agreementBox = new QGroupBox(tr("Agreement between reviewers"), this);
    auto *a = new QVBoxLayout(agreementBox);
    a->addWidget(m_agreement);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(historyBox);
    layout->addWidget(countsBox);
    layout->addWidget(agreementBox);
    layout->addStretch(1);
    setSummary({});
    clearHistory();
}

QString ReviewSidePanel::figureText(const cp::AgreementValue &value)
{
    if (value.value) {
        // A true minus sign, as every signed figure of the workbench is written.
        const QString number = QString::number(*value.value, 'f', 3).replace(QLatin1Char('-'),
                                                                              QChar(0x2212));
        return tr("%1 (n = %2)").arg(number, format::integer(value.items));
    }
    QString text = tr("undefined (n = %1)").arg(format::integer(value.items));
    if (!value.detail.empty())
        text += tr(" — %1").arg(format::qs(value.detail));
    return text;
}

void ReviewSidePanel::setSummary(const cp::ReviewSummary &s)
{
    const auto row = [](const QString &name, std::int64_t n) {
        return QStringLiteral("<tr><td>%1</td><td align=\"right\">&nbsp;&nbsp;<b>%2</b></td></tr>")
            .arg(name.toHtmlEscaped(), format::integer(n));
    };
    QString counts = QStringLiteral("<table>");
    counts += row(tr("equivalent"), s.equivalent);
    counts += row(tr("not equivalent"), s.notEquivalent);
    counts += row(tr("unsure"), s.unsure);
    counts += row(tr("awaiting adjudication"), s.disputed);
    counts += row(tr("adjudicated"), s.adjudicated);
    counts += QStringLiteral("</table>");
    counts += tr("<p>%1 families reviewed · %2 labels · %3 reviewer(s) · consensus: %4</p>")
                  .arg(format::integer(s.familiesReviewed),
                       format::integer(s.labels), format::integer(std::int64_t(s.reviewers.size())),
                       s.rule == cp::ConsensusRule::Unanimous ? tr("unanimous") : tr("majority"));
    m_counts->setText(counts);

    QString agreement;
    if (s.agreement.empty()) {
        agreement = tr("<i>No labels yet.</i>");
    }
    for (const cp::QuestionAgreement &q : s.agreement) {
        const QString question = q.question == "equivalence" ? tr("Equivalence")
                                                             : tr("Expected outcome");
        agreement += tr("<p><b>%1</b><br>Krippendorff's α: %2")
                         .arg(question, figureText(q.alpha).toHtmlEscaped());
        if (q.kappas.empty())
            agreement += tr("<br>Cohen's κ: undefined — one reviewer so far; κ compares two");
        for (const cp::ReviewerPairAgreement &p : q.kappas)
            agreement += tr("<br>Cohen's κ %1 / %2: %3")
                             .arg(format::qs(p.a).toHtmlEscaped(), format::qs(p.b).toHtmlEscaped(),
                                  figureText(p.kappa).toHtmlEscaped());
        agreement += QStringLiteral("</p>");
    }
    m_agreement->setText(agreement);
}

void ReviewSidePanel::setHistory(const QString &family, std::vector<cp::ReviewChange> changes,
                                 int hidden, const QString &favourable,
                                 const QString &unfavourable)
{
    m_historyTitle->setText(changes.empty() && hidden == 0
                                ? tr("Family %1: no labels yet.").arg(family)
                                : tr("Family %1, newest first:").arg(family));
    m_historyModel->setChanges(std::move(changes), favourable, unfavourable);
    m_history->setVisible(m_historyModel->rowCount() > 0);
    m_history->resizeColumnToContents(ReviewHistoryModel::WhenColumn);
    m_history->resizeColumnToContents(ReviewHistoryModel::WhoColumn);
    m_history->resizeRowsToContents();
    m_historyNote->setText(tr("%n change(s) by other reviewers hidden in blind mode, so that "
                              "they do not anchor your label.",
                              nullptr, hidden));
    m_historyNote->setVisible(hidden > 0);
}

void ReviewSidePanel::clearHistory()
{
    m_historyTitle->setText(tr("No pair selected."));
    m_historyModel->setChanges({}, {}, {});
    m_history->hide();
    m_historyNote->hide();
}

QString ReviewSidePanel::countsText() const
{
    return plain(m_counts->text());
}

QString ReviewSidePanel::agreementText() const
{
    return plain(m_agreement->text());
}

} // namespace cp::ui
