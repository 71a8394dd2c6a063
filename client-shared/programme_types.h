// Qt value types of cft.v1.ProgrammeService: templates, their practices and
// the kinds of practice whose fields a log records. No protobuf, no gRPC.
#pragma once

#include <QList>
#include <QString>

namespace cft::client {

struct TemplateInfo {
  qint64 id = 0;
  QString title;
  int version = 0;
  int weekCount = 0;
  bool builtIn = true;
};

struct PracticeInfo {
  QString code;
  QString title;
  QString instructions;
  QString caution;
  int timesPerWeek = 0;
  int minutes = 0;
};

// How the participant client guides a practice before its log form.
enum class PracticeGuide {
  None,            // a log form only
  BreathingPacer,  // the animated pacer, then the form
  Timer,           // a timer with the instructions, then the form
};

// What one structured field of a log holds.
enum class FieldType { Unknown, Text, Number, YesNo, Choice, Step };

struct FieldOption {
  QString key;
  QString label;
};

// One field a log of a kind records; forms are built from these.
struct PracticeFieldDef {
  QString key;
  QString label;
  QString help;
  FieldType type = FieldType::Unknown;
  bool required = false;
  // Number fields: the range, inclusive.
  int min = 0;
  int max = 0;
  // Text fields: characters at most.
  int maxLength = 0;
  // Choice fields.
  QList<FieldOption> options;
};

struct PracticeKindInfo {
  QString key;
  QString title;
  QString description;
  PracticeGuide guide = PracticeGuide::None;
  // Distress before and after must both be given.
  bool distressRequired = false;
  // Its assignments carry ladder steps; one field is of type Step.
  bool usesSteps = false;
  QList<PracticeFieldDef> fields;

  const PracticeFieldDef* field(const QString& fieldKey) const {
    for (const PracticeFieldDef& f : fields) {
      if (f.key == fieldKey) return &f;
    }
    return nullptr;
  }
};

}  // namespace cft::client
