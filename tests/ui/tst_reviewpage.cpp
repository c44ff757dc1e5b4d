// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Review mode on the ShopFlow sample (10 families, 3 flips): ten pairs labelled with the
// keyboard alone in blind mode and found in the project file when it is opened again, nothing
// of a score or an outcome on screen while blind, undo and redo through the store, the
// reviewer's name asked once, the adjudication queue, agreement shown as undefined with its
// reason, packets out and in, and the Pairs view's review-state filter. The Reviews section of
// the main window is tested in tst_reviewworkbench.cpp.

#include <ui/pairs/familydetailview.h>
#include <ui/pairs/pairsmodel.h>
#include <ui/pairs/pairsview.h>
#include <ui/review/reviewanswerpanel.h>
#include <ui/review/reviewerdialog.h>
#include <ui/review/reviewhistorymodel.h>
#include <ui/review/reviewpage.h>
#include <ui/review/reviewsession.h>
#include <ui/review/reviewsidepanel.h>

#include <core/workflow/samplefolder.h>
#include <core/review/reviewqueue.h>
#include <core/review/reviewstore.h>
#include <core/store/projectstore.h>
#include <core/workflow/sourceaudit.h>

#include "../support/testsupport.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <memory>

using namespace cp::ui;

class tst_ReviewPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void labelsTenPairsWithKeyboardInBlindMode();
    void blindModeShowsNoScoreOrOutcome();
    void undoRestoresThePreviousLabel();
    void noteWithKeyboard();
    void reviewerNameFromSettings();
    void reviewerPromptAskedOnce();
    void adjudicationQueue();
    void agreementUndefinedWithReason();
    void packetsOutAndIn();
    void pairsViewFiltersByReviewState();
    void labelsReadOffTheGuiThread();

private:
    struct Project {
        QString file;
        std::shared_ptr<const cp::SourceAudit> audit;
    };
    /// A fresh copy of the ShopFlow sample, its baseline table audited.
    Project makeProject();
    /// Every text a user sees on the page now (visible labels, buttons, edits, tables).
    static QStringList visibleTexts(QWidget *root);
    static void activate(QWidget *w);

    QTemporaryDir m_dir;
    int m_projects = 0;
};

namespace {

const QString SampleFolder =
    QStringLiteral(COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge");

QString plainText(const QString &text)
{
    if (!Qt::mightBeRichText(text))
        return text;
    QTextDocument doc;
    doc.setHtml(text);
    return doc.toPlainText();
}

std::vector<cp::ReviewLabel> storedLabels(const QString &file, std::int64_t tableId)
{
    auto store = cp::ProjectStore::open(file.toStdString(),
                                        cp::ProjectStore::OpenMode::ExistingOnly);
    if (!store)
        return {};
    auto labels = cp::reviewLabels(**store, tableId);
    return labels ? *labels : std::vector<cp::ReviewLabel>();
}

} // namespace

void tst_ReviewPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);  // QSettings under the test's own config
    QCoreApplication::setOrganizationName(QStringLiteral("CounterpartTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_reviewpage"));
    QVERIFY(m_dir.isValid());
}

void tst_ReviewPage::init()
{
    // Each test starts with a known reviewer; the prompt test clears it.
    QSettings().clear();
    ReviewerDialog::storeName(QStringLiteral("Dana"));
}

tst_ReviewPage::Project tst_ReviewPage::makeProject()
{
    Project p;
    p.file = m_dir.filePath(QStringLiteral("shopflow-%1.counterpart").arg(++m_projects));
    auto store = cp::ProjectStore::open(p.file.toStdString(),
                                        cp::ProjectStore::OpenMode::CreateIfMissing);
    if (!store)
        return p;
    if (!cp::importProjectFolder(**store, SampleFolder.toStdString()))
        return p;
    auto audit = cp::auditSource(**store, cp::AuditSource::fromKey("baseline"), {}, false);
    if (audit)
        p.audit = std::make_shared<const cp::SourceAudit>(std::move(*audit));
    return p;
}

QStringList tst_ReviewPage::visibleTexts(QWidget *root)
{
    QStringList out;
    const auto widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisibleTo(root))
            continue;
        if (auto *l = qobject_cast<QLabel *>(w))
            out << plainText(l->text()) << l->toolTip();
        else if (auto *b = qobject_cast<QAbstractButton *>(w))
            out << b->text() << b->toolTip();
        else if (auto *e = qobject_cast<QLineEdit *>(w))
            out << e->text();
        else if (auto *c = qobject_cast<QComboBox *>(w))
            out << c->currentText();
        else if (auto *v = qobject_cast<QAbstractItemView *>(w); v && v->model())
            for (int r = 0; r < v->model()->rowCount(); ++r)
                for (int c2 = 0; c2 < v->model()->columnCount(); ++c2)
                    out << v->model()->index(r, c2).data().toString();
    }
    return out;
}

void tst_ReviewPage::activate(QWidget *w)
{
    w->show();
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w));
    w->setFocus();
}

/// The acceptance case: ten pairs, keyboard only, blind; the labels are in the file.
void tst_ReviewPage::labelsTenPairsWithKeyboardInBlindMode()
{
    const Project p = makeProject();
    QVERIFY(p.audit && p.audit->pairs);
    ReviewPage page;
    page.resize(1300, 850);
    page.setSource(p.file, p.audit);
    page.session()->waitForReady();
    activate(&page);
    QVERIFY(page.isBlind());  // on by default
    QVERIFY(page.detailView()->isBlind());
    QCOMPARE(page.queue().size(), std::size_t(10));  // 3 flips first, then a sample of the rest
    for (std::size_t i = 0; i < 3; ++i)
        QVERIFY(p.audit->pairs->families[std::size_t(page.queue()[i])].flipped);
    QCOMPARE(page.position(), 0);
    QCOMPARE(page.progressText(), QStringLiteral("0 of 10 labelled"));

    // Not equivalent every third pair (one key: such a pair needs no expected outcome);
    // otherwise equivalent (or unsure), then the expected outcome. Each complete pair moves on.
    std::map<std::string, std::pair<cp::Equivalence, std::optional<cp::ExpectedOutcome>>> typed;
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(page.position(), i);
        const std::string family = page.currentFamilyKey().toStdString();
        if (i % 3 == 2) {
            QTest::keyClick(&page, Qt::Key_N);
            typed[family] = {cp::Equivalence::NotEquivalent, std::nullopt};
        } else {
            const bool unsure = i == 4;
            QTest::keyClick(&page, unsure ? Qt::Key_U : Qt::Key_E);
            QCOMPARE(page.position(), i);  // one answer: it stays
            const bool favourable = i % 2 == 0;
            QTest::keyClick(&page, favourable ? Qt::Key_F : Qt::Key_R);
            typed[family] = {unsure ? cp::Equivalence::Unsure : cp::Equivalence::Equivalent,
                             favourable ? cp::ExpectedOutcome::Favourable
                                        : cp::ExpectedOutcome::Unfavourable};
        }
        QCOMPARE(page.labelledCount(), i + 1);
    }
    QCOMPARE(page.position(), 9);  // the last pair: nowhere further to go
    QCOMPARE(page.progressText(), QStringLiteral("10 of 10 labelled"));
    QVERIFY(page.progressLabel()->text().contains(QStringLiteral("10 of 10 labelled")));

    // ← / K and → / J move through the queue.
    QTest::keyClick(&page, Qt::Key_K);
    QCOMPARE(page.position(), 8);
    QTest::keyClick(&page, Qt::Key_Left);
    QCOMPARE(page.position(), 7);
    QTest::keyClick(&page, Qt::Key_J);
    QTest::keyClick(&page, Qt::Key_Right);
    QCOMPARE(page.position(), 9);

    // In the project file, read by a connection of its own.
    const auto labels = storedLabels(p.file, page.session()->subject().tableId);
    QCOMPARE(labels.size(), std::size_t(10));
    for (const cp::ReviewLabel &l : labels) {
        QCOMPARE(l.reviewer, std::string("Dana"));
        QVERIFY(!l.adjudication);
        const auto it = typed.find(l.family);
        QVERIFY2(it != typed.end(), l.family.c_str());
        QCOMPARE(l.equivalence, std::optional(it->second.first));
        QCOMPARE(l.expected, it->second.second);
    }
    const cp::ReviewSummary &s = page.session()->summary();
    QCOMPARE(s.notEquivalent, std::int64_t(3));
    QCOMPARE(s.unsure, std::int64_t(1));
    QCOMPARE(s.equivalent, std::int64_t(6));
    QVERIFY(page.sidePanel()->countsText().contains(QStringLiteral("not equivalent")));
}

/// Blind: no score, score bar, outcome, flip or hidden field on screen for any pair; not
/// blind, the same check finds the scores (so the check itself sees them).
void tst_ReviewPage::blindModeShowsNoScoreOrOutcome()
{
    const Project p = makeProject();
    QVERIFY(p.audit && p.audit->pairs);
    ReviewPage page;
    page.resize(1300, 850);
    page.setSource(p.file, p.audit);
    page.session()->waitForReady();
    activate(&page);
    const QStringList hiddenFields = page.session()->blindFields();
    QVERIFY(hiddenFields.contains(QStringLiteral("score")));
    QVERIFY(hiddenFields.contains(QStringLiteral("expected_auto_serve")));
    QVERIFY(hiddenFields.contains(QStringLiteral("evidence_passed")));

    const cp::PairsIndex &index = *p.audit->pairs;
    const auto &columns = index.rows->columns();
    const int scoreColumn =
        int(std::find(columns.begin(), columns.end(), "score") - columns.begin());
    QVERIFY(scoreColumn < int(columns.size()));
    auto forbidden = [&](int family) {
        QStringList out{QStringLiteral("|Δscore|"), QStringLiteral("flipped"),
                        QStringLiteral("score vs"), QStringLiteral("threshold"),
                        QStringLiteral("✔"), QStringLiteral("✖")};
        std::vector<std::string_view> cells;
        std::string scratch;
        for (int v = 0; v < index.families[std::size_t(family)].variants; ++v) {
            index.rows->cells(index.row(std::size_t(family), v), cells, scratch);
            out << QString::fromUtf8(cells[std::size_t(scoreColumn)].data(),
                                     qsizetype(cells[std::size_t(scoreColumn)].size()));
            out << page.detailView()->outcomeText(v);  // "auto_serve (favourable)", …
        }
        return out;
    };
    for (std::size_t i = 0; i < page.queue().size(); ++i) {
        QCOMPARE(page.position(), int(i));
        const QStringList texts = visibleTexts(&page);
        for (const QString &bad : forbidden(page.currentFamily()))
            for (const QString &t : texts)
                QVERIFY2(!t.contains(bad),
                         qPrintable(QStringLiteral("'%1' shown in '%2'").arg(bad, t)));
        for (const QString &field : hiddenFields)  // no row for a hidden field
            QVERIFY2(!texts.contains(field), qPrintable(field));
        QTest::keyClick(&page, Qt::Key_J);
    }
    // The blind banner says so.
    auto *banner = page.findChild<QLabel *>(QStringLiteral("blindBanner"));
    QVERIFY(banner && banner->isVisible());
    QVERIFY(plainText(banner->text()).startsWith(QStringLiteral("Blind:")));

    // Not blind: the scores are there, and the banner warns.
    page.goTo(0);
    page.blindBox()->click();
    QVERIFY(!page.isBlind());
    QVERIFY(!page.detailView()->isBlind());
    const QStringList texts = visibleTexts(&page);
    const QStringList bad = forbidden(page.currentFamily());
    QVERIFY(std::any_of(texts.begin(), texts.end(),
                        [&](const QString &t) { return t.contains(bad.at(6)); }));  // a score
    QVERIFY(plainText(banner->text()).startsWith(QStringLiteral("Not blind:")));
}

/// Ctrl+Z restores the previous label through the store (or removes a first one); every step
/// is in the history; Ctrl+Shift+Z redoes.
void tst_ReviewPage::undoRestoresThePreviousLabel()
{
    const Project p = makeProject();
    ReviewPage page;
    page.setSource(p.file, p.audit);
    page.session()->waitForReady();
    activate(&page);
    const std::int64_t table = page.session()->subject().tableId;
    const std::string family = page.currentFamilyKey().toStdString();
    QTest::keyClick(&page, Qt::Key_E);
    QTest::keyClick(&page, Qt::Key_F);
    QCOMPARE(page.position(), 1);  // complete: moved on
    QCOMPARE(page.undoStack()->count(), 2);

    // Undo the last label: the pair is shown again, with only its first answer.
    QTest::keyClick(&page, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(page.position(), 0);
    auto labels = storedLabels(p.file, table);
    QCOMPARE(labels.size(), std::size_t(1));
    QCOMPARE(labels[0].family, family);
    QCOMPARE(labels[0].equivalence, std::optional(cp::Equivalence::Equivalent));
    QVERIFY(!labels[0].expected);
    QVERIFY(page.answerPanel()->equivalenceButton(cp::Equivalence::Equivalent)->isChecked());
    QVERIFY(!page.answerPanel()->expectedButton(cp::ExpectedOutcome::Favourable)->isChecked());
    QCOMPARE(page.progressText(), QStringLiteral("1 of 10 labelled"));

    // Undo the first answer: no label at all.
    QTest::keyClick(&page, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(storedLabels(p.file, table).empty());
    QCOMPARE(page.progressText(), QStringLiteral("0 of 10 labelled"));

    // Every save and undo is on record, oldest first: E, F, undo F, undo E.
    auto history = page.session()->history(family);
    QVERIFY(history.ok());
    QCOMPARE(history->size(), std::size_t(4));
    QVERIFY(!history->at(3).after);
    QCOMPARE(history->at(3).source, std::string("local (undo)"));
    QCOMPARE(page.sidePanel()->historyModel()->rowCount(), 4);
    using Tester = QAbstractItemModelTester;
    new Tester(page.sidePanel()->historyModel(), Tester::FailureReportingMode::QtTest, &page);
    QCOMPARE(page.sidePanel()->historyModel()
                 ->index(0, ReviewHistoryModel::ChangeColumn)
                 .data()
                 .toString(),
             QStringLiteral("equivalent → removed"));

    // Redo brings the first answer back.
    QTest::keyClick(&page, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    labels = storedLabels(p.file, table);
    QCOMPARE(labels.size(), std::size_t(1));
    QCOMPARE(labels[0].equivalence, std::optional(cp::Equivalence::Equivalent));
}

/// T puts the cursor in the note, Enter saves it and gives the keys back; Esc drops an edit.
void tst_ReviewPage::noteWithKeyboard()
{
    const Project p = makeProject();
    ReviewPage page;
    page.setSource(p.file, p.audit);
    page.session()->waitForReady();
    activate(&page);
    QLineEdit *note = page.answerPanel()->noteEdit();
    QTest::keyClick(&page, Qt::Key_T);
    QVERIFY(note->hasFocus());
    QTest::keyClicks(note, QStringLiteral("names differ only"));  // letters go to the note
    QTest::keyClick(note, Qt::Key_Return);
    QVERIFY(!note->hasFocus());
    const auto label = page.session()->label(page.currentFamilyKey().toStdString(), "Dana", false);
    QVERIFY(label);
    QCOMPARE(label->note, std::string("names differ only"));
    QVERIFY(!label->equivalence);
    QCOMPARE(page.position(), 0);

    QTest::keyClick(&page, Qt::Key_T);
    QTest::keyClicks(note, QStringLiteral(" NOT SAVED"));
    QTest::keyClick(note, Qt::Key_Escape);
    QVERIFY(!note->hasFocus());
    QCOMPARE(note->text(), QStringLiteral("names differ only"));
    QCOMPARE(page.session()->label(page.currentFamilyKey().toStdString(), "Dana", false)->note,
             std::string("names differ only"));
    QTest::keyClick(&page, Qt::Key_E);  // the keys work again
    const std::string now = page.currentFamilyKey().toStdString();
    QVERIFY(page.session()->label(now, "Dana", false)->equivalence);
}

/// A name in the settings: no prompt, labels stored under it; changeable from the page.
void tst_ReviewPage::reviewerNameFromSettings()
{
    const Project p = makeProject();
    ReviewPage page;
    page.setSource(p.file, p.audit);
    page.session()->waitForReady();
    activate(&page);
    QCOMPARE(page.reviewer(), QStringLiteral("Dana"));
    QVERIFY(page.reviewerLabel()->text().contains(QStringLiteral("Dana")));
    bool prompted = false;
    QTimer::singleShot(0, this, [&] {
        if (auto *d = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
            prompted = true;
            d->reject();
        }
    });
    QTest::keyClick(&page, Qt::Key_E);
    QVERIFY(!prompted);
    QVERIFY(page.session()->label(page.currentFamilyKey().toStdString(), "Dana", false));

    page.setReviewer(QStringLiteral("Lee"));
    QCOMPARE(ReviewerDialog::storedName(), QStringLiteral("Lee"));
    QCOMPARE(page.progressText(), QStringLiteral("0 of 10 labelled"));  // Lee's own progress
}

/// No name yet: the first answer asks for it (once), then saves under it; cancelling saves
/// nothing.
void tst_ReviewPage::reviewerPromptAskedOnce()
{
    QSettings().remove(ReviewerDialog::settingsKey());
    const Project p = makeProject();
    ReviewPage page;
    page.setSource(p.file, p.audit);
    page.session()->waitForReady();
    activate(&page);
    QVERIFY(page.reviewer().isEmpty());
    QVERIFY(page.reviewerLabel()->text().contains(QStringLiteral("not set")));

    // Cancelled: nothing saved, still no name.
    int prompts = 0;
    QTimer::singleShot(0, this, [&] {
        auto *d = qobject_cast<ReviewerDialog *>(QApplication::activeModalWidget());
        QVERIFY(d);
        ++prompts;
        d->reject();
    });
    QTest::keyClick(&page, Qt::Key_E);
    QCOMPARE(prompts, 1);
    activate(&page);
    QVERIFY(page.session()->labels().empty());
    QVERIFY(page.reviewer().isEmpty());

    // Typed and accepted: OK is disabled while blank, the answer is saved under the name.
    QTimer::singleShot(0, this, [&] {
        auto *d = qobject_cast<ReviewerDialog *>(QApplication::activeModalWidget());
        QVERIFY(d);
        ++prompts;
        auto *ok = d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(d->nameEdit(), QStringLiteral("  Robin  "));
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
    });
    QTest::keyClick(&page, Qt::Key_E);
    QCOMPARE(prompts, 2);
    activate(&page);
    QCOMPARE(page.reviewer(), QStringLiteral("Robin"));
    QCOMPARE(QSettings().value(ReviewerDialog::settingsKey()).toString(), QStringLiteral("Robin"));
    QCOMPARE(page.session()->labels().size(), std::size_t(1));
    QCOMPARE(page.session()->labels().front().reviewer, std::string("Robin"));

    // Asked once: the next answer goes straight in.
    QTimer::singleShot(0, this, [&] {
        if (QApplication::activeModalWidget())
            ++prompts;
    });
    QTest::keyClick(&page, Qt::Key_F);
    QCOMPARE(prompts, 2);
    QCOMPARE(page.session()->labels().front().expected,
             std::optional(cp::ExpectedOutcome::Favourable));

    // A new page (a new session of the app) knows the name.
    ReviewPage again;
    QCOMPARE(again.reviewer(), QStringLiteral("Robin"));
}

/// Two reviewers disagree on a pair: it waits for adjudication; the adjudicator's label is
/// saved as such and settles it.
void tst_ReviewPage::adjudicationQueue()
{
    const Project p = makeProject();
    ReviewPage page;
    page.setSource(p.file, p.audit);
    page.session()->waitForReady();
    activate(&page);
    const std::string family = page.session()->familyKey(page.queue()[1]);
    for (const auto &[who, answer] : {std::pair{"Ann", cp::Equivalence::Equivalent},
                                      std::pair{"Ben", cp::Equivalence::NotEquivalent}}) {
        cp::ReviewLabel l;
        l.family = family;
        l.reviewer = who;
        l.equivalence = answer;
        CP_VERIFY_OK(page.session()->save(l));
    }
    QCOMPARE(page.session()->summary().disputed, std::int64_t(1));
    QVERIFY(page.sidePanel()->countsText().contains(QStringLiteral("awaiting adjudication")));

    page.setQueueMode(ReviewPage::QueueMode::Adjudication);
    QCOMPARE(page.queue().size(), std::size_t(1));
    QCOMPARE(page.currentFamilyKey().toStdString(), family);
    QCOMPARE(page.progressText(), QStringLiteral("0 of 1 adjudicated"));
    const QList<QLabel *> labels = page.findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel *l) {
        return l->isVisible() && l->text() == QStringLiteral("ADJUDICATING");
    }));
    // Blind, but an adjudicator sees the reviewers' answers.
    QCOMPARE(page.sidePanel()->historyModel()->rowCount(), 2);

    QTest::keyClick(&page, Qt::Key_E);
    const auto adjudicated = page.session()->label(family, "Dana", true);
    QVERIFY(adjudicated);
    QCOMPARE(adjudicated->equivalence, std::optional(cp::Equivalence::Equivalent));
    QCOMPARE(page.session()->summary().disputed, std::int64_t(0));
    QCOMPARE(page.session()->summary().adjudicated, std::int64_t(1));
    QCOMPARE(page.progressText(), QStringLiteral("1 of 1 adjudicated"));
    QVERIFY(!page.session()->label(family, "Dana", false));  // not as a reviewer
}

/// One reviewer: α and κ are undefined, with the reason, never 0. Two: figures with their n.
void tst_ReviewPage::agreementUndefinedWithReason()
{
    const Project p = makeProject();
    ReviewPage page;
    page.setSource(p.file, p.audit);
    page.session()->waitForReady();
    activate(&page);
    QTest::keyClick(&page, Qt::Key_E);
    QTest::keyClick(&page, Qt::Key_F);
    QString text = page.sidePanel()->agreementText();
    QVERIFY2(text.contains(QStringLiteral("Krippendorff's α: undefined (n = 0) — no item was "
                                          "answered by two or more reviewers")),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Cohen's κ: undefined")));
    QVERIFY(!text.contains(QStringLiteral("0.000")));

    // A second reviewer on three pairs: one disagreement on equivalence.
    for (int i = 0; i < 3; ++i) {
        cp::ReviewLabel l;
        l.family = page.session()->familyKey(page.queue()[std::size_t(i)]);
        l.reviewer = "Kim";
        l.equivalence = i == 1 ? cp::Equivalence::NotEquivalent : cp::Equivalence::Equivalent;
        CP_VERIFY_OK(page.session()->save(l));
    }
    page.goTo(1);
    QTest::keyClick(&page, Qt::Key_E);
    QTest::keyClick(&page, Qt::Key_F);
    page.goTo(2);
    QTest::keyClick(&page, Qt::Key_U);
    text = page.sidePanel()->agreementText();
    QVERIFY2(text.contains(QStringLiteral("Cohen's κ Dana / Kim:")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("(n = 3)")), qPrintable(text));
}

/// Export writes the queue blind; import reads labels back once; a bad file is an error that
/// names the file and the field.
void tst_ReviewPage::packetsOutAndIn()
{
    const Project p = makeProject();
    ReviewPage page;
    page.setErrorDialogsEnabled(false);
    page.setSource(p.file, p.audit);
    page.session()->waitForReady();
    activate(&page);
    const QString out = m_dir.filePath(QStringLiteral("packet-%1.json").arg(m_projects));
    QVERIFY(page.exportPacket(out));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    auto packet = nlohmann::json::parse(file.readAll().toStdString());
    file.close();
    QCOMPARE(packet["items"].size(), std::size_t(10));

    // The other reviewer's answers, then the import, twice.
    packet["reviewer"] = "Remote";
    for (const auto &item : packet["items"])
        packet["labels"].push_back({{"family", item["family"]},
                                    {"equivalence", "equivalent"},
                                    {"expected", "favourable"}});
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QByteArray::fromStdString(packet.dump(2)));
    file.close();
    QSignalSpy states(&page, &ReviewPage::reviewStatesChanged);
    QSignalSpy imported(&page, &ReviewPage::packetImported);
    QVERIFY(page.importPacket(out));
    // Imported off the GUI thread, on a connection of its own: the button waits, a second
    // import is refused meanwhile.
    QVERIFY(page.isImportingPacket());
    QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("importPacket"))->isEnabled());
    QVERIFY(page.statusLabel()->text().startsWith(QStringLiteral("Importing ")));
    QVERIFY(!page.importPacket(out));
    page.waitForImport();
    QVERIFY(!page.isImportingPacket());
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("importPacket"))->isEnabled());
    QCOMPARE(imported.count(), 1);
    QCOMPARE(imported.takeFirst().at(0).toBool(), true);
    page.session()->waitForReady();  // the labels are read again off the GUI thread
    QVERIFY(!page.isReadingReviews());
    QCOMPARE(page.session()->labels().size(), std::size_t(10));
    QCOMPARE(page.session()->summary().equivalent, std::int64_t(10));
    QVERIFY(states.count() >= 1);
    QVERIFY(page.importPacket(out));
    page.waitForImport();
    QVERIFY2(page.statusLabel()->text().contains(QStringLiteral("nothing changed")),
             qPrintable(page.statusLabel()->text()));

    // A label with a bad answer: refused, naming the file and the JSON path.
    packet["labels"][0]["equivalence"] = "maybe";
    const QString bad = m_dir.filePath(QStringLiteral("bad-%1.json").arg(m_projects));
    QFile badFile(bad);
    QVERIFY(badFile.open(QIODevice::WriteOnly));
    badFile.write(QByteArray::fromStdString(packet.dump()));
    badFile.close();
    QSignalSpy errors(&page, &ReviewPage::errorOccurred);
    imported.clear();
    QVERIFY(page.importPacket(bad));
    page.waitForImport();
    QCOMPARE(imported.count(), 1);
    QCOMPARE(imported.takeFirst().at(0).toBool(), false);
    QCOMPARE(errors.count(), 1);
    QVERIFY2(page.lastError().contains(bad), qPrintable(page.lastError()));
    QVERIFY2(page.lastError().contains(QStringLiteral("equivalence")),
             qPrintable(page.lastError()));
}

/// The Pairs view's Review filter: any / unreviewed / equivalent / … follow the labels.
void tst_ReviewPage::pairsViewFiltersByReviewState()
{
    const Project p = makeProject();
    PairsView pairs;
    const int keyColumn = cp::familyKeyColumn(*p.audit->pairs, "pair");
    pairs.setIndex(p.audit->pairs, keyColumn);
    ReviewPage page;
    connect(&page, &ReviewPage::reviewStatesChanged, &pairs, &PairsView::setReviewStates);
    page.setSource(p.file, p.audit);
    page.session()->waitForReady();
    activate(&page);

    QComboBox *combo = pairs.reviewStateCombo();
    QVERIFY(combo);
    const QStringList items = [&] {
        QStringList l;
        for (int i = 0; i < combo->count(); ++i)
            l << combo->itemText(i);
        return l;
    }();
    QCOMPARE(items, (QStringList{"any", "unreviewed", "equivalent", "not equivalent", "unsure",
                                 "awaiting adjudication"}));
    auto rowsFor = [&](const QString &state) {
        combo->setCurrentIndex(combo->findText(state));
        return pairs.model()->rowCount();
    };
    QCOMPARE(rowsFor("unreviewed"), 10);  // nothing labelled yet
    QCOMPARE(rowsFor("equivalent"), 0);

    QTest::keyClick(&page, Qt::Key_E);
    QTest::keyClick(&page, Qt::Key_F);  // pair 1 equivalent
    QTest::keyClick(&page, Qt::Key_N);  // pair 2 not equivalent
    QTest::keyClick(&page, Qt::Key_U);  // pair 3 unsure (stays: no expected outcome yet)
    QCOMPARE(rowsFor("equivalent"), 1);
    QCOMPARE(pairs.model()->familyAt(0), page.queue()[0]);
    QCOMPARE(rowsFor("not equivalent"), 1);
    QCOMPARE(rowsFor("unsure"), 1);
    QCOMPARE(rowsFor("unreviewed"), 7);
    QCOMPARE(rowsFor("any"), 10);

    // The filter follows at once while it is set: an undo turns "unsure" back to unreviewed.
    combo->setCurrentIndex(combo->findText("unsure"));
    QCOMPARE(pairs.model()->rowCount(), 1);
    page.undoStack()->undo();
    QCOMPARE(pairs.model()->rowCount(), 0);

    // The Pairs view's filter as the review queue.
    pairs.flipsOnlyBox()->setChecked(true);
    combo->setCurrentIndex(0);
    page.setFilteredFamiliesSource([&pairs] { return pairs.filteredFamilies(); });
    page.setQueueMode(ReviewPage::QueueMode::PairsFilter);
    QCOMPARE(page.queue().size(), std::size_t(3));
    for (std::int32_t f : page.queue())
        QVERIFY(p.audit->pairs->families[std::size_t(f)].flipped);
}

/// The labels are read on a pool thread: until they are, the page says so and takes no
/// answer; then the queue is there. Each save and undo after that updates one family's state
/// in memory, and the states stay those of all the labels read again from the file.
void tst_ReviewPage::labelsReadOffTheGuiThread()
{
    const Project p = makeProject();
    {
        // Another reviewer's labels already in the file.
        auto store = cp::ProjectStore::open(p.file.toStdString(),
                                            cp::ProjectStore::OpenMode::ExistingOnly);
        QVERIFY(store.ok());
        auto subject = cp::reviewSubject(**store, p.audit->source);
        QVERIFY(subject.ok());
        const int keyColumn = cp::familyKeyColumn(*p.audit->pairs, "pair");
        std::vector<cp::ReviewLabel> labels;
        for (std::size_t f = 0; f < 6; ++f) {
            cp::ReviewLabel l;
            l.tableId = subject->tableId;
            l.family = cp::familyKey(*p.audit->pairs, keyColumn, f);
            l.reviewer = "Kim";
            l.equivalence = f % 2 ? cp::Equivalence::NotEquivalent : cp::Equivalence::Equivalent;
            labels.push_back(l);
        }
        QVERIFY(cp::saveReviewLabels(**store, labels).ok());
    }
    ReviewPage page;
    page.setErrorDialogsEnabled(false);
    page.setSource(p.file, p.audit);
    QVERIFY(page.isReadingReviews());
    QVERIFY(!page.session()->isValid());
    QVERIFY(!page.answerEquivalence(cp::Equivalence::Equivalent));  // not yet: nothing saved
    QSignalSpy ready(page.session(), &ReviewSession::ready);
    QVERIFY(ready.wait(10000));
    QCOMPARE(ready.first().first().toBool(), true);
    QVERIFY(!page.isReadingReviews());
    QCOMPARE(page.session()->labels().size(), std::size_t(6));
    QCOMPARE(page.session()->summary().familiesReviewed, std::int64_t(6));
    QCOMPARE(page.queue().size(), std::size_t(10));
    activate(&page);

    const auto statesFromFile = [&] {
        auto store = cp::ProjectStore::open(p.file.toStdString(),
                                            cp::ProjectStore::OpenMode::ExistingQuick);
        auto labels = cp::reviewLabels(**store, page.session()->subject().tableId);
        return cp::reviewStates(*page.session()->index(), page.session()->keyColumn(),
                                cp::summariseReviews(*labels, cp::ConsensusRule::Majority));
    };
    QCOMPARE(*page.session()->states(), statesFromFile());
    for (int i = 0; i < 8; ++i) {
        QTest::keyClick(&page, i % 3 ? Qt::Key_N : Qt::Key_E);
        if (i % 3 == 0)
            QTest::keyClick(&page, Qt::Key_F);
        QCOMPARE(*page.session()->states(), statesFromFile());
    }
    for (int i = 0; i < 5; ++i) {
        page.undoStack()->undo();
        QCOMPARE(*page.session()->states(), statesFromFile());
    }
    QCOMPARE(page.session()->summary().labels,
             std::int64_t(page.session()->labels().size()));

    // The same rows audited again (a spec change): the page keeps its pair and takes answers
    // while the labels are read again, and what was saved meanwhile is in what it shows after.
    const std::string pair = page.currentFamilyKey().toStdString();
    page.setSource(p.file, p.audit);
    QVERIFY(page.isReadingReviews());
    QVERIFY(page.session()->canWrite());
    QCOMPARE(page.currentFamilyKey().toStdString(), pair);
    QTest::keyClick(&page, Qt::Key_U);  // unsure: saved at once
    QVERIFY(page.session()->label(pair, "Dana", false));
    page.session()->waitForReady();
    QCOMPARE(page.session()->label(pair, "Dana", false)->equivalence,
             std::optional(cp::Equivalence::Unsure));
    QCOMPARE(*page.session()->states(), statesFromFile());
    const auto stored = storedLabels(p.file, page.session()->subject().tableId);
    QCOMPARE(page.session()->labels().size(), stored.size());
}

QTEST_MAIN(tst_ReviewPage)

#include "tst_reviewpage.moc"
