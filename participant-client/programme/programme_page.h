// The participant's programme: where they are, the weeks released so far
// with their module text and practices, and a calendar file of the
// sessions. A view over ProgrammePageModel.
#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QTextBrowser;

namespace cft::client {
class ApiSession;
class ErrorReporter;
}  // namespace cft::client

namespace cft::participant {

class ProgrammePageModel;

class ProgrammePage : public QWidget {
  Q_OBJECT

 public:
  ProgrammePage(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent = nullptr);

  ProgrammePageModel* pageModel() const { return model_; }

 private:
  void render();

  client::ErrorReporter& errors_;
  ProgrammePageModel* model_;
  QLabel* title_;
  QLabel* heading_;
  QLabel* next_;
  QListView* weeks_;
  QTextBrowser* content_;
  QPushButton* export_;
};

}  // namespace cft::participant
