#include "participant-client/measures/questionnaire_dialog.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "participant-client/measures/crisis_dialog.h"
#include "participant-client/measures/questionnaire_model.h"

namespace cft::participant {

QuestionnaireDialog::QuestionnaireDialog(const client::InstrumentInfo& instrument, const client::DueMeasureInfo& due,
                                         QWidget* parent)
    : QDialog(parent), model_(new QuestionnaireModel(instrument, due, this)) {
  setObjectName("questionnaireDialog");
  setWindowTitle(model_->heading());
  auto* layout = new QVBoxLayout(this);
  auto* heading = new QLabel(QStringLiteral("<h3>%1</h3><p>%2 · %3</p>")
                                 .arg(instrument.title.toHtmlEscaped(), due.timePointLabel.toHtmlEscaped(),
                                      due.dueLocal.isEmpty() ? QString()
                                                             : QStringLiteral("due %1").arg(due.dueLocal).toHtmlEscaped()));
  heading->setObjectName("questionnaireHeading");
  heading->setWordWrap(true);
  layout->addWidget(heading);

  auto* scroll = new QScrollArea;
  scroll->setObjectName("itemsScroll");
  scroll->setWidgetResizable(true);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  auto* page = new QWidget;
  auto* items = new QVBoxLayout(page);
  if (!instrument.instructions.isEmpty()) {
    auto* instructions = new QLabel(instrument.instructions);
    instructions->setObjectName("instructionsLabel");
    instructions->setWordWrap(true);
    items->addWidget(instructions);
  }
  QString section;
  for (const client::ItemInfo& item : instrument.items) {
    if (item.section != section) {
      section = item.section;
      if (const client::SectionInfo* s = instrument.section(section)) {
        auto* title = new QLabel(QStringLiteral("<b>%1</b>%2").arg(
            s->title.toHtmlEscaped(),
            s->instructions.isEmpty() ? QString() : QStringLiteral("<br>") + s->instructions.toHtmlEscaped()));
        title->setWordWrap(true);
        items->addWidget(title);
      }
    }
    // The wording wraps in a label of its own (a group box title would be cut
    // off), and the boxes stack, so nothing runs off the page sideways.
    auto* box = new QGroupBox;
    box->setObjectName(QStringLiteral("item_%1").arg(item.code));
    box->setAccessibleName(QStringLiteral("Question %1: %2").arg(item.number).arg(client::itemLabel(item)));
    auto* row = new QVBoxLayout(box);
    auto* wording = new QLabel(QStringLiteral("<b>%1.</b> %2").arg(item.number).arg(client::itemLabel(item).toHtmlEscaped()));
    wording->setWordWrap(true);
    row->addWidget(wording);
    auto* group = new QButtonGroup(box);
    for (const client::ResponseOptionInfo& o : item.options) {
      auto* radio = new QRadioButton(o.label);
      radio->setObjectName(QStringLiteral("answer_%1_%2").arg(item.code).arg(o.value));
      radio->setAccessibleName(QStringLiteral("Question %1: %2").arg(item.number).arg(o.label));
      group->addButton(radio, o.value);
      row->addWidget(radio);
    }
    const QString code = item.code;
    connect(group, &QButtonGroup::idClicked, this, [this, code](int value) { model_->setAnswer(code, value); });
    groups_.insert(item.code, group);
    items->addWidget(box);
  }
  items->addStretch();
  scroll->setWidget(page);
  layout->addWidget(scroll, 1);

  if (!instrument.copyrightLine.isEmpty()) {
    auto* copyright = new QLabel(instrument.copyrightLine);
    copyright->setObjectName("copyrightLabel");
    copyright->setWordWrap(true);
    copyright->setStyleSheet(QStringLiteral("color: #555; font-size: 9pt;"));
    layout->addWidget(copyright);
  }
  progress_ = new QProgressBar;
  progress_->setObjectName("progressBar");
  progress_->setRange(0, model_->total());
  progress_->setAccessibleName(QStringLiteral("Questions answered"));
  progressLabel_ = new QLabel;
  progressLabel_->setObjectName("progressLabel");
  auto* progressRow = new QHBoxLayout;
  progressRow->addWidget(progress_, 1);
  progressRow->addWidget(progressLabel_);
  layout->addLayout(progressRow);
  problem_ = new QLabel;
  problem_->setObjectName("submitProblemLabel");
  problem_->setWordWrap(true);
  layout->addWidget(problem_);
  auto* buttons = new QDialogButtonBox;
  send_ = buttons->addButton(QStringLiteral("&Send my answers"), QDialogButtonBox::AcceptRole);
  send_->setObjectName("sendButton");
  auto* later = buttons->addButton(QStringLiteral("&Not now"), QDialogButtonBox::RejectRole);
  later->setObjectName("notNowButton");
  connect(send_, &QPushButton::clicked, this, [this] {
    if (model_->canSubmit()) accept();
  });
  connect(later, &QPushButton::clicked, this, &QDialog::reject);
  layout->addWidget(buttons);

  connect(model_, &QuestionnaireModel::changed, this, &QuestionnaireDialog::update);
  connect(model_, &QuestionnaireModel::riskItemAnswered, this,
          [this](const QString& text, client::RiskTier) { crisis_ = CrisisDialog::showNow(text, this); });
  resize(760, 720);
  update();
}

void QuestionnaireDialog::choose(const QString& itemCode, int value) {
  if (QButtonGroup* g = groups_.value(itemCode)) {
    if (QAbstractButton* b = g->button(value)) b->click();
  }
}

CrisisDialog* QuestionnaireDialog::crisisDialog() const {
  return crisis_.data();
}

void QuestionnaireDialog::update() {
  progress_->setValue(model_->answered());
  progressLabel_->setText(model_->progressText());
  const QString problem = model_->submitProblem();
  problem_->setText(problem);
  problem_->setVisible(!problem.isEmpty());
  send_->setEnabled(problem.isEmpty());
}

}  // namespace cft::participant
