// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "htmlreport.h"

#include "htmlsections.h"
#include "htmltext.h"
#include "reportformat.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace cp {

namespace {

// Print colours are kept (hatches, scale) so that a PDF printed from the browser keeps every cue.
const char *const Css = R"CSS(
:root { --ink: #1a1a1a; --muted: #555555; --line: #cfcfcf;
        --blocked: #b3261e; --approved: #1b6e3a; }
* { box-sizing: border-box; }
body { margin: 0; background: #ffffff; color: var(--ink); font-size: 15px; line-height: 1.45;
       font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
                    sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 40px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #222222; }
h3 { font-size: 16px; margin: 22px 0 6px; }
p.meta, p.note, .small { color: var(--muted); }
.small { font-size: 12px; }
nav ol { columns: 3; margin: 8px 0; padding-left: 20px; color: var(--muted); }
.decision { border: 4px solid; border-radius: 8px; padding: 16px 22px; margin: 18px 0 8px; }
.decision.blocked { border-color: var(--blocked); background: #fdf0ef; }
.decision.approved { border-color: var(--approved); background: #edf7f0; }
.decision.none { border-color: #666666; background: #f4f4f4; }
.verdict { font-size: 40px; font-weight: 800; letter-spacing: 0.04em; line-height: 1.1; }
.blocked .verdict { color: var(--blocked); } .approved .verdict { color: var(--approved); }
.decision .lead { font-size: 17px; margin: 6px 0 4px; }
.decision ul { margin: 4px 0 8px; padding-left: 22px; }
.decision h3 { margin: 14px 0 2px; }
.caveat { border-left: 6px solid #b36b00; background: #fff4e0; padding: 10px 14px; margin: 12px 0;
          font-weight: 600; }
table { border-collapse: collapse; margin: 8px 0 14px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #f0f0f0; }
tbody th { background: #fafafa; font-weight: 600; }
table.grid tbody th { vertical-align: middle; }
table.facts th { width: 230px; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.rate { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.rate .small, tbody th .small { display: block; font-weight: 400; }
td.status-passed, td.status-failed, td.status-insufficient { white-space: nowrap; }
.flag-up { color: var(--blocked); font-weight: 700; white-space: nowrap; }
.flag-down { color: var(--approved); font-weight: 700; white-space: nowrap; }
.flag-moved { color: #333333; white-space: nowrap; }
.wide { overflow-x: auto; }
code, .hash { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px;
              word-break: break-all; }
.status-passed { color: var(--approved); font-weight: 700; }
.status-failed { color: var(--blocked); font-weight: 700; }
.status-insufficient { color: #8a5a00; font-weight: 700; }
tr.low-support td, tr.low-support th { background: #f6f6f6; }
table.grid td.cell { min-width: 150px; text-align: center; vertical-align: middle; padding: 8px; }
table.grid caption { caption-side: top; text-align: left; color: var(--muted); padding: 2px 0 6px; }
.report-only { background: repeating-linear-gradient(135deg, #eeeeee 0 7px, #c4c4c4 7px 9px);
               color: #333333; font-style: italic; }
.plate { background: rgba(255, 255, 255, 0.9); padding: 2px 6px; display: inline-block; }
td.undefined { background: #fafafa; color: var(--muted); }
.legend { color: var(--muted); font-size: 13px; }
.legend .scale, .legend .swatch { display: inline-block; width: 120px; height: 14px;
              border: 1px solid #808080; vertical-align: middle; margin: 0 4px 0 0; }
.legend .swatch { width: 34px; margin-left: 18px; }
table.pair td { max-width: 420px; }
td.changed { background: #fff1dd; }
.ne { font-weight: 800; color: #9a4a00; }
mark.changed { background: #ffd9a0; color: inherit; font-weight: 700; text-decoration: underline; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 6px 0 4px; }
ul.plain { padding-left: 20px; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; } table, svg, .decision { break-inside: avoid; }
}
)CSS";

} // namespace

std::string renderHtml(const Report &report)
{
    using namespace html;
    const AuditResult &r = report.result;
    const std::string title = "Fairness audit: "
                              + (report.spec.name.empty() ? report.tested.sourceLabel
                                                          : report.spec.name);
    std::string s;
    s.reserve(64 * 1024);
    s += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
         "<meta name=\"generator\" content=\"" + esc(report.options.toolVersion.empty()
                                                      ? std::string("Counterpart")
                                                      : report.options.toolVersion) + "\"/>"
         "<title>" + esc(title + " — " + decisionText(r.decision)) + "</title>"
         "<style>" + Css + "</style></head><body><main>";
    s += "<header><h1>" + esc(title) + "</h1><p class=\"meta\">"
         + esc("Project " + report.tested.projectName + " · " + sourceText(report.tested)
               + " · report generated " + report.generatedAt)
         + "</p></header>";
    s += decisionSection(report);
    s += "<nav><ol>";
    const char *const toc[][2] = {{"tested", "What was tested"},
                                  {"comparison", "Baseline and candidate"},
                                  {"flips", "Flips"},
                                  {"slices", "Slices"},
                                  {"gaps", "Gaps"},
                                  {"intersections", "Intersections"},
                                  {"calibration", "Calibration"},
                                  {"reviews", "Reviewer agreement"},
                                  {"checks", "Contract checks"},
                                  {"limitations", "Limitations"},
                                  {"warnings", "Warnings"},
                                  {"versions", "Versions and hashes"}};
    for (const auto &entry : toc) {
        if (std::string(entry[0]) == "comparison" && !report.comparison)
            continue;
        if (std::string(entry[0]) == "warnings" && r.warnings.empty())
            continue;
        s += "<li><a href=\"#" + std::string(entry[0]) + "\">" + esc(entry[1]) + "</a></li>";
    }
    s += "</ol></nav>";
    s += testedSection(report);
    s += comparisonSection(report);
    s += flipsSection(report);
    s += slicesSection(report);
    s += gapsSection(report);
    s += intersectionsSection(report);
    s += calibrationSection(report);
    s += section("reviews", "Reviewer agreement", htmlReviewSection(r.reviews, report.floor));
    s += checksSection(report);
    s += limitationsSection(report);
    s += warningsSection(report);
    s += versionsSection(report);
    s += "</main></body></html>\n";
    return s;
}

std::string htmlReviewSection(const std::optional<ReviewEvidence> &reviews,
                              const PrivacyFloor &floor)
{
    using namespace html;
    if (!reviews || (reviews->reviewers.empty() && reviews->reviewedFamilies == 0))
        return "<p><b>No reviews recorded.</b> No reviewer has labelled the pairs of this audit, "
               "so there is no agreement to report and every pair counts as evidence.</p>";
    const ReviewEvidence &e = *reviews;
    auto list = [](const std::vector<std::string> &v) {
        std::string out;
        for (const std::string &s : v)
            out += (out.empty() ? "" : ", ") + s;
        return out.empty() ? std::string("none") : out;
    };
    std::string s = "<table class=\"facts\"><tbody>";
    s += row({esc("Reviewed rows"), esc(e.subject)}, true);
    s += row({esc("Reviewers"), esc(list(e.reviewers))}, true);
    s += row({esc("Adjudicators"), esc(list(e.adjudicators))}, true);
    s += row({esc("Consensus rule"), esc(e.consensus)}, true);
    for (const auto &[label, n] : reviewCountRows(e))
        s += row({esc(label), numCell(floor.count(n, true))}, true);
    s += "</tbody></table>";
    if (e.agreement.empty())
        return s + "<p>No agreement figure: fewer than two reviewers labelled the same pairs.</p>";
    s += "<table><thead>"
         + headRow({"Question", "Statistic", "Reviewers", "Value", "Items", "Note"})
         + "</thead><tbody>";
    for (const ReviewAgreementFigure &f : e.agreement) {
        const std::string stat = f.statistic == "cohen_kappa"          ? "Cohen's κ"
                                 : f.statistic == "krippendorff_alpha" ? "Krippendorff's α"
                                                                       : f.statistic;
        const bool hidden = floor.hides(f.items);
        s += row({esc(f.question), esc(stat), esc(f.reviewers),
                  numCell(hidden ? "withheld" : f.value ? num(*f.value, 3) : "undefined"),
                  numCell(floor.count(f.items, true)), esc(floor.mask(f.detail))});
    }
    return s + "</tbody></table>";
}

Status writeReportFile(const std::string &path, std::string_view content)
{
    namespace fs = std::filesystem;
    const std::string tmp = path + ".tmp";
    {
        errno = 0;
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f)
            return Error{ErrorCode::Io, path, 0, {},
                         std::string("cannot create the file")
                                 + (errno ? std::string(": ") + std::strerror(errno)
                                          : std::string())};
        f.write(content.data(), std::streamsize(content.size()));
        f.flush();
        if (!f) {
            std::error_code ec;
            fs::remove(tmp, ec);
            return Error{ErrorCode::Io, path, 0, {}, "cannot write the file"};
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return Error{ErrorCode::Io, path, 0, {}, "cannot replace the file: " + ec.message()};
    }
    return Ok{};
}

} // namespace cp
