// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The finished audit kept in the project (issue 12, item 9): the codec gives back every field
// and refuses damage without crashing; an unchanged source is not audited again, and any
// change the audit would see (reviews, spec, a damaged entry) audits it again.

#include "../support/sqlitefile.h"
#include "../support/testsupport.h"

#include <core/audit/auditcodec.h>
#include <core/audit/auditjson.h>
#include <core/review/reviewstore.h>
#include <core/store/projectstore.h>
#include <core/workflow/auditcache.h>
#include <core/workflow/sourceaudit.h>

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <random>

using namespace cp;

namespace {

const std::string ShopFlow = COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge";

std::unique_ptr<ProjectStore> shopflowProject(const QTemporaryDir &dir)
{
    auto store = ProjectStore::open(dir.filePath("shopflow.counterpart").toStdString(),
                                    ProjectStore::OpenMode::CreateIfMissing);
    if (!store || !importProjectFolder(**store, ShopFlow))
        return nullptr;
    return std::move(*store);
}

AuditSource tableSource(ProjectStore &store, const std::string &name)
{
    AuditSource s;
    s.id = store.findTable(name)->id;
    s.label = name;
    return s;
}

} // namespace

class tst_AuditCache : public QObject
{
    Q_OBJECT

private slots:
    void codecGivesBackEveryField()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        std::size_t flips = 0;
        for (const char *table : {"baseline", "candidate"}) {
            auto audit = auditSource(*store, tableSource(*store, table), {}, false);
            CP_VERIFY_OK(audit);
            const AuditResult &result = audit->audit.result;
            // The fixture exercises the result: slices, cells, checks (and flips somewhere).
            flips += result.flips.size();
            QVERIFY(!result.slices.empty());
            QVERIFY(!result.intersections.empty());
            QVERIFY(!result.checks.empty());
            const std::string bytes = encodeAudit(result);
            auto back = decodeAudit(bytes, "test");
            CP_VERIFY_OK(back);
            QVERIFY(*back == result);
            QCOMPARE(auditToJson(*back).dump(), auditToJson(result).dump());
            QCOMPARE(encodeAudit(*back), bytes);
        }
        QVERIFY(flips > 0);
    }

    void codecRefusesDamage()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        auto audit = auditSource(*store, tableSource(*store, "candidate"), {}, false);
        CP_VERIFY_OK(audit);
        const std::string bytes = encodeAudit(audit->audit.result);
        // Every cut short is an error naming a byte, never a crash.
        const std::size_t stride = std::max<std::size_t>(1, bytes.size() / 4000);
        for (std::size_t n = 0; n < bytes.size(); n += stride) {
            auto cut = decodeAudit(std::string_view(bytes).substr(0, n), "cut");
            QVERIFY2(!cut.ok(), qPrintable(QString::number(n)));
            QCOMPARE(cut.error().file, std::string("cut"));
            QVERIFY(cut.error().field.rfind("byte ", 0) == 0);
        }
        QVERIFY(!decodeAudit(bytes + "x", "long").ok());
        // Altered bytes: an error or some result, never a crash or a huge allocation.
        std::mt19937_64 rng(3);
        int refused = 0;
        for (int i = 0; i < 3000; ++i) {
            std::string altered = bytes;
            const std::size_t at = rng() % altered.size();
            altered[at] = char(rng());
            if (i % 3 == 0)  // a length field set to the largest value
                for (std::size_t k = 0; k < 8 && at + k < altered.size(); ++k)
                    altered[at + k] = char(k == 7 ? 0x7f : 0xff);
            refused += !decodeAudit(altered, "altered").ok();
        }
        QVERIFY(refused > 0);
        // Another format version is refused by name.
        std::string other = bytes;
        other[8] = char(AuditCodecVersion + 1);
        auto version = decodeAudit(other, "v");
        QVERIFY(!version.ok());
        QVERIFY(version.error().message.find("format") != std::string::npos);
    }

    void unchangedTableIsNotAuditedAgain()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        const AuditSource source = tableSource(*store, "candidate");
        auto first = auditSource(*store, source, {}, false, PairsWhen::Later);
        CP_VERIFY_OK(first);
        QVERIFY(!first->fromCache);
        QVERIFY(first->pairs);

        auto second = auditSource(*store, source, {}, false, PairsWhen::Later);
        CP_VERIFY_OK(second);
        QVERIFY(second->fromCache);
        QVERIFY(second->pairsPending);
        QVERIFY(!second->pairs);
        QVERIFY(second->audit.result == first->audit.result);
        QCOMPARE(second->audit.table.id, first->audit.table.id);
        // The Pairs index comes after, from the table as stored, the same as the first one.
        CP_VERIFY_OK(indexSourcePairs(*store, *second));
        QVERIFY(!second->pairsPending);
        QVERIFY(second->pairs);
        QVERIFY(second->pairsError.empty());
        QCOMPARE(second->pairs->families.size(), first->pairs->families.size());
        QCOMPARE(second->pairs->flippedFamilies, first->pairs->flippedFamilies);
        QVERIFY(second->pairs->familyRows == first->pairs->familyRows);

        // With the index wanted at once, a kept audit still reads the table for it.
        auto third = auditSource(*store, source, {}, false);
        CP_VERIFY_OK(third);
        QVERIFY(third->fromCache);
        QVERIFY(third->pairs);

        // Another source is audited on its own.
        auto baseline = auditSource(*store, tableSource(*store, "baseline"), {}, false);
        CP_VERIFY_OK(baseline);
        QVERIFY(!baseline->fromCache);
    }

    void whatTheAuditSeesAuditsAgain()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        const AuditSource source = tableSource(*store, "candidate");
        auto first = auditSource(*store, source, {}, false);
        CP_VERIFY_OK(first);
        QVERIFY(!first->fromCache);

        // A review label: the reviews are part of what was audited.
        ReviewLabel label;
        label.tableId = source.id;
        label.family = "p1";  // candidate.csv's first pair
        label.reviewer = "ana";
        label.equivalence = Equivalence::NotEquivalent;
        CP_VERIFY_OK(saveReviewLabel(*store, label));
        auto reviewed = auditSource(*store, source, {}, false);
        CP_VERIFY_OK(reviewed);
        QVERIFY(!reviewed->fromCache);
        auto again = auditSource(*store, source, {}, false);
        CP_VERIFY_OK(again);
        QVERIFY(again->fromCache);
        QVERIFY(again->audit.result == reviewed->audit.result);
        // Removing it changes the stamp again, although the count is back where it was.
        CP_VERIFY_OK(removeReviewLabel(*store, source.id, label.family, "ana", false));
        auto removed = auditSource(*store, source, {}, false);
        CP_VERIFY_OK(removed);
        QVERIFY(!removed->fromCache);

        // Another spec is another key.
        auto spec = store->currentSpec();
        CP_VERIFY_OK(spec);
        auto json = nlohmann::json::parse((*spec)->json);
        json["name"] = "renamed";
        CP_VERIFY_OK(store->saveSpec(json.dump()));
        auto respec = auditSource(*store, source, {}, false);
        CP_VERIFY_OK(respec);
        QVERIFY(!respec->fromCache);
        QCOMPARE(respec->audit.result.specName, std::string("renamed"));
    }

    void damagedEntryIsAuditedAgain()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("shopflow.counterpart").toStdString();
        AuditResult kept;
        {
            auto store = shopflowProject(dir);
            QVERIFY(store);
            auto first = auditSource(*store, tableSource(*store, "candidate"), {}, false);
            CP_VERIFY_OK(first);
            kept = first->audit.result;
        }
        // Bytes of the kept entry altered behind the store's back.
        bool ok = false;
        cp::test::sql(QString::fromStdString(path),
                      "UPDATE audit_cache_chunks SET content = CAST("
                      "substr(content, 1, 100) || 'x' || substr(content, 102) AS BLOB)",
                      &ok);
        QVERIFY(ok);
        auto store = ProjectStore::open(path, ProjectStore::OpenMode::ExistingOnly);
        CP_VERIFY_OK(store);
        auto again = auditSource(**store, tableSource(**store, "candidate"), {}, false);
        CP_VERIFY_OK(again);
        QVERIFY(!again->fromCache);
        QVERIFY(again->audit.result == kept);
        auto third = auditSource(**store, tableSource(**store, "candidate"), {}, false);
        CP_VERIFY_OK(third);
        QVERIFY(third->fromCache);
    }

    void codeVersionNamesTheBuild()
    {
        const std::string v = auditCodeVersion();
        QVERIFY(v.find("engine") != std::string::npos);
        QVERIFY(v.find("codec" + std::to_string(AuditCodecVersion)) != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(tst_AuditCache)
#include "tst_auditcache.moc"
