#include "client-shared/practice_log_text.h"

#include <QLocale>

namespace cft::client {
namespace {

QString escapedLines(const QString& text) { return text.toHtmlEscaped().replace('\n', QStringLiteral("<br>")); }

QString rating(const std::optional<int>& value) {
  return value ? QStringLiteral("%1 out of 10").arg(*value) : QStringLiteral("not given");
}

}  // namespace

QString practisedWhen(const PracticeLogInfo& log) {
  return QLocale(QLocale::English).toString(log.practisedOn, QStringLiteral("ddd d MMM yyyy")) +
         QStringLiteral(", ") + log.practisedAt.toString(QStringLiteral("HH:mm"));
}

QString fieldValueText(const FieldValue& value, const PracticeFieldDef* field) {
  switch (value.type) {
    case FieldType::Text: return value.text;
    case FieldType::Number: return QString::number(value.number);
    case FieldType::YesNo: return value.yesNo ? QStringLiteral("Yes") : QStringLiteral("No");
    case FieldType::Choice:
      if (field != nullptr) {
        for (const FieldOption& o : field->options) {
          if (o.key == value.choice) return o.label;
        }
      }
      return value.choice;
    case FieldType::Step: return QStringLiteral("Step %1").arg(value.number);
    case FieldType::Unknown: break;
  }
  return QString();
}

QString practiceLogHtml(const PracticeLogInfo& log, const PracticeKindInfo* kind, LogReader reader) {
  QString html = QStringLiteral("<h3>%1</h3><p>%2 · week %3%4</p>")
                     .arg(log.assignmentTitle.toHtmlEscaped(), practisedWhen(log).toHtmlEscaped())
                     .arg(log.week)
                     .arg(reader == LogReader::Staff && !log.participantName.isEmpty()
                              ? QStringLiteral(" · ") + log.participantName.toHtmlEscaped()
                              : QString());
  html += QStringLiteral("<p>%1 minute%2 · helpfulness %3 out of 10")
              .arg(log.minutes)
              .arg(log.minutes == 1 ? "" : "s")
              .arg(log.helpfulness);
  if (log.distressBefore || log.distressAfter) {
    html += QStringLiteral(" · distress before: %1, after: %2").arg(rating(log.distressBefore), rating(log.distressAfter));
  }
  html += QStringLiteral("</p>");
  QString fields;
  for (const FieldValue& v : log.fields) {
    const PracticeFieldDef* def = kind != nullptr ? kind->field(v.key) : nullptr;
    const QString label = def != nullptr ? def->label : v.key;
    fields += QStringLiteral("<dt><b>%1</b></dt><dd>%2</dd>")
                  .arg(label.toHtmlEscaped(), escapedLines(fieldValueText(v, def)));
  }
  if (!log.note.isEmpty()) {
    fields += QStringLiteral("<dt><b>Note</b></dt><dd>%1</dd>").arg(escapedLines(log.note));
  }
  if (!fields.isEmpty()) html += QStringLiteral("<dl>%1</dl>").arg(fields);
  if (reader == LogReader::Participant) {
    html += log.shared ? QStringLiteral("<p><i>Your words in this log are shared with your facilitators.</i></p>")
                       : QStringLiteral("<p><i>Your words in this log are private: only you can read them.</i></p>");
  } else if (log.privateContentWithheld) {
    html += QStringLiteral("<p><i>%1 kept their words in this log private. The times and ratings above are "
                           "all that is shared.</i></p>")
                .arg(log.participantName.isEmpty() ? QStringLiteral("The participant")
                                                   : log.participantName.toHtmlEscaped());
  }
  if (!log.feedback.isEmpty()) {
    html += reader == LogReader::Participant ? QStringLiteral("<h4>Feedback from your facilitators</h4>")
                                             : QStringLiteral("<h4>Feedback</h4>");
    for (const FeedbackInfo& f : log.feedback) {
      html += QStringLiteral("<p style='background:#eef4fb; padding:6px'>%1<br><i>%2, %3</i></p>")
                  .arg(escapedLines(f.text), f.authorName.toHtmlEscaped(),
                       QLocale(QLocale::English).toString(f.createdAt.toLocalTime(), QStringLiteral("d MMM yyyy")));
    }
  }
  return html;
}

}  // namespace cft::client
