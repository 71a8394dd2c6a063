#include "participant-client/homework/practice_player_dialog.h"

#include <QFont>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>

#include "participant-client/homework/caution_dialog.h"
#include "participant-client/homework/guided_practice.h"
#include "participant-client/homework/pacer_widget.h"

namespace cft::participant {
namespace {

QSpinBox* spin(const char* name, const QString& accessible, int min, int max, int value) {
  auto* s = new QSpinBox;
  s->setObjectName(name);
  s->setAccessibleName(accessible);
  s->setRange(min, max);
  s->setValue(value);
  return s;
}

QPushButton* button(const char* name, const QString& text) {
  auto* b = new QPushButton(text);
  b->setObjectName(name);
  b->setAccessibleName(text);
  b->setAutoDefault(false);
  return b;
}

}  // namespace

PracticePlayerDialog::PracticePlayerDialog(const client::AssignmentInfo& assignment, client::PracticeGuide guide,
                                           client::Clock& clock, QWidget* parent)
    : QDialog(parent), assignment_(assignment) {
  setObjectName("practicePlayerDialog");
  setWindowTitle(assignment.title);
  auto* layout = new QVBoxLayout(this);
  auto* title = new QLabel(assignment.title);
  title->setObjectName("playerTitle");
  QFont big = title->font();
  big.setPointSizeF(big.pointSizeF() * 1.3);
  big.setBold(true);
  title->setFont(big);
  title->setWordWrap(true);
  layout->addWidget(title);

  auto* settings = new QFormLayout;
  if (guide == client::PracticeGuide::BreathingPacer) {
    pacer_ = new BreathingPacer(clock, this);
    timer_ = &pacer_->timer();
    pacerView_ = new PacerWidget(*pacer_);
    layout->addWidget(pacerView_, 1);
    instruction_ = new QLabel;
    instruction_->setObjectName("pacerInstruction");
    instruction_->setAlignment(Qt::AlignCenter);
    instruction_->setWordWrap(true);
    QFont calm = instruction_->font();
    calm.setPointSizeF(calm.pointSizeF() * 1.5);
    instruction_->setFont(calm);
    layout->addWidget(instruction_);
    auto* guideText = new QLabel(QStringLiteral(
        "The counts are a guide: find a rhythm that is comfortable for you. If you feel dizzy or light-headed, "
        "go back to your natural breathing."));
    guideText->setObjectName("pacerGuide");
    guideText->setWordWrap(true);
    layout->addWidget(guideText);
    in_ = spin("inCountSpin", QStringLiteral("Counts breathing in"), BreathingPacer::kMinIn, BreathingPacer::kMaxIn,
               BreathingPacer::kDefaultIn);
    out_ = spin("outCountSpin", QStringLiteral("Counts breathing out"), BreathingPacer::kMinOut,
                BreathingPacer::kMaxOut, BreathingPacer::kDefaultOut);
    settings->addRow(QStringLiteral("Counts breathing in"), in_);
    settings->addRow(QStringLiteral("Counts breathing out"), out_);
    connect(in_, &QSpinBox::valueChanged, this, [this] { pacer_->setCounts(in_->value(), out_->value()); });
    connect(out_, &QSpinBox::valueChanged, this, [this] { pacer_->setCounts(in_->value(), out_->value()); });
  } else {
    timer_ = new PracticeTimer(clock, this);
    auto* instructions = new QTextBrowser;
    instructions->setObjectName("practiceInstructions");
    instructions->setAccessibleName(QStringLiteral("Instructions"));
    instructions->setPlainText(assignment.instructions.isEmpty()
                                   ? QStringLiteral("Take the time you need. The timer keeps count for you.")
                                   : assignment.instructions);
    layout->addWidget(instructions, 1);
  }
  // Breathing defaults to 5 minutes (the and the programme's
  // length); a timed practice to its dose's minutes.
  const int length = guide == client::PracticeGuide::BreathingPacer
                         ? 5
                         : std::clamp(assignment.dose.minutes > 0 ? assignment.dose.minutes : 5,
                                      PracticeTimer::kMinLength, PracticeTimer::kMaxLength);
  timer_->setLengthMinutes(length);
  length_ = spin("lengthSpin", QStringLiteral("Length in minutes"), PracticeTimer::kMinLength,
                 PracticeTimer::kMaxLength, length);
  length_->setSuffix(QStringLiteral(" min"));
  settings->addRow(QStringLiteral("Length"), length_);
  connect(length_, &QSpinBox::valueChanged, timer_, &PracticeTimer::setLengthMinutes);
  layout->addLayout(settings);

  remaining_ = new QLabel;
  remaining_->setObjectName("remainingLabel");
  remaining_->setAlignment(Qt::AlignCenter);
  layout->addWidget(remaining_);

  auto* bar = new QHBoxLayout;
  start_ = button("startButton", QStringLiteral("Start"));
  pause_ = button("pauseButton", QStringLiteral("Pause"));
  stop_ = button("stopButton", QStringLiteral("Stop and log"));
  bar->addWidget(start_);
  bar->addWidget(pause_);
  bar->addWidget(stop_);
  bar->addStretch(1);
  if (!assignment.caution.isEmpty()) {
    auto* caution = button("rereadCautionButton", QStringLiteral("Read the caution again"));
    bar->addWidget(caution);
    connect(caution, &QPushButton::clicked, this, &PracticePlayerDialog::rereadCaution);
  }
  auto* close = button("closePlayerButton", QStringLiteral("Close without logging"));
  bar->addWidget(close);
  layout->addLayout(bar);
  start_->setDefault(true);

  connect(start_, &QPushButton::clicked, timer_, &PracticeTimer::start);
  connect(pause_, &QPushButton::clicked, this, [this] {
    if (timer_->state() == PracticeTimer::State::Running) {
      timer_->pause();
    } else {
      timer_->resume();
    }
  });
  connect(stop_, &QPushButton::clicked, timer_, &PracticeTimer::stop);
  connect(close, &QPushButton::clicked, this, &QDialog::reject);
  connect(timer_, &PracticeTimer::changed, this, &PracticePlayerDialog::updateView);
  connect(timer_, &PracticeTimer::finished, this, [this](int minutes) {
    updateView();
    emit practised(minutes, pacer_ != nullptr ? pacer_->inCount() : 0, pacer_ != nullptr ? pacer_->outCount() : 0);
    accept();
  });
  if (pacer_ != nullptr) connect(pacer_, &BreathingPacer::changed, this, &PracticePlayerDialog::updateView);
  updateView();
  resize(sizeHint().expandedTo(QSize(fontMetrics().averageCharWidth() * 70, 0)));
}

PracticeTimer& PracticePlayerDialog::timer() { return *timer_; }

void PracticePlayerDialog::updateView() {
  const PracticeTimer::State state = timer_->state();
  const bool ready = state == PracticeTimer::State::Ready;
  const bool running = state == PracticeTimer::State::Running;
  const bool paused = state == PracticeTimer::State::Paused;
  start_->setEnabled(ready);
  pause_->setEnabled(running || paused);
  pause_->setText(paused ? QStringLiteral("Resume") : QStringLiteral("Pause"));
  pause_->setAccessibleName(pause_->text());
  stop_->setEnabled(running || paused);
  length_->setEnabled(ready);
  // The rhythm can change whenever the participant is not mid-breath.
  if (in_ != nullptr) {
    in_->setEnabled(!running);
    out_->setEnabled(!running);
  }
  if (instruction_ != nullptr) instruction_->setText(pacer_->instruction());
  remaining_->setText(ready ? QStringLiteral("%1 minutes").arg(timer_->lengthMinutes())
                            : timer_->remainingLabel());
}

void PracticePlayerDialog::rereadCaution() {
  auto* dialog = new CautionDialog(assignment_.title, assignment_.caution, CautionDialog::Purpose::Reread, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->open();
}

}  // namespace cft::participant
