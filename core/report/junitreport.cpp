// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "junitreport.h"

#include "htmltext.h"
#include "reportformat.h"

namespace cp {

namespace {

using html::esc;

std::string property(const std::string &name, const std::string &value)
{
    return "      <property name=\"" + esc(name) + "\" value=\"" + esc(value) + "\"/>\n";
}

} // namespace

std::string junitXml(const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    std::string cases;
    int tests = 0, failures = 0;
    for (const Check &c : r.checks) {
        ++tests;
        const std::string classname = "contract." + (c.attribute.empty() ? std::string("all")
                                                                         : c.attribute);
        const std::string name = c.name + (c.attribute.empty() ? "" : " [" + c.attribute + "]");
        cases += "    <testcase classname=\"" + esc(classname) + "\" name=\"" + esc(name)
                 + "\" time=\"0\"";
        if (c.status == CheckStatus::Passed) {
            cases += "/>\n";
            continue;
        }
        ++failures;
        const std::string type = c.status == CheckStatus::Failed ? "failed" : "insufficient";
        const std::string message = checkMessage(c, r, floor, true);
        cases += ">\n      <failure type=\"" + type + "\" message=\"" + esc(message) + "\">"
                 + esc(checkTitle(c) + ": value " + checkValueText(c, r, floor) + ", limit "
                       + checkLimitText(c, true) + ", status " + checkStatusKey(c.status))
                 + "</failure>\n    </testcase>\n";
    }
    if (report.spec.contract)
        for (const Attestation &a : report.spec.contract->attestations) {
            ++tests;
            cases += "    <testcase classname=\"contract.attestations\" name=\"" + esc(a.name)
                     + "\" time=\"0\"";
            if (a.done) {
                cases += "/>\n";
                continue;
            }
            ++failures;
            cases += ">\n      <failure type=\"missing\" message=\""
                     + esc("required attestation '" + a.name + "' is not recorded") + "\"/>\n"
                     + "    </testcase>\n";
        }
    // With a baseline, one more case: a repair seen only on the regression set is not release
    // evidence, so the gate blocks it whatever the candidate's own checks say.
    const GateVerdict verdict = report.verdict();
    if (report.comparison) {
        ++tests;
        cases += "    <testcase classname=\"comparison\" name=\"validated for release\" "
                 "time=\"0\"";
        if (report.comparison->repairedOnRegressionSet) {
            ++failures;
            cases += ">\n      <failure type=\"regression_set\" message=\""
                     + esc(report.comparison->caveat) + "\"/>\n    </testcase>\n";
        } else {
            cases += "/>\n";
        }
    }
    const std::string counts = "tests=\"" + std::to_string(tests) + "\" failures=\""
                               + std::to_string(failures) + "\" errors=\"0\"";
    std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    s += "<testsuites name=\"counterpart\" " + counts + ">\n";
    s += "  <testsuite name=\"" + esc("counterpart gate: " + (report.spec.name.empty()
                                                                   ? report.tested.sourceLabel
                                                                   : report.spec.name))
         + "\" " + counts + " skipped=\"0\" time=\"0\" timestamp=\""
         + esc(report.generatedAt.substr(0, 19)) + "\">\n";
    s += "    <properties>\n";
    // The gate's verdict, which the exit code follows; the audit's own decision beside it.
    s += property("decision", verdict.word());
    if (verdict.outcome == GateVerdict::Outcome::NotValidated)
        s += property("decision_audit", decisionText(r.decision));
    s += property("source", report.tested.sourceKind + " " + report.tested.sourceLabel);
    s += property("table_sha256", report.tested.tableSha256);
    if (!report.tested.probeSetSha256.empty())
        s += property("probe_set_sha256", report.tested.probeSetSha256);
    if (!report.tested.modelName.empty())
        s += property("model", report.tested.modelName + " " + report.tested.modelVersion);
    s += property("contract_version", report.tested.contractVersion);
    s += property("spec_sha256", report.tested.specSha256);
    if (report.comparison) {
        s += property("baseline", report.comparison->baselineLabel);
        s += property("decision_baseline", decisionText(report.comparison->baselineDecision));
        if (report.comparison->repairedOnRegressionSet)
            s += property("caveat", report.comparison->caveat);
    }
    s += "    </properties>\n";
    s += cases;
    s += "  </testsuite>\n</testsuites>\n";
    return s;
}

} // namespace cp
