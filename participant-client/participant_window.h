// The participant's main window: a calm home page for their own programme.
#pragma once

#include <QMainWindow>

class QLabel;

namespace cft::client {
class ApiSession;
class ErrorReporter;
}  // namespace cft::client

namespace cft::participant {

class ProgrammePage;

class ParticipantWindow : public QMainWindow {
  Q_OBJECT

 public:
  ParticipantWindow(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent = nullptr);
  ProgrammePage* programmePage() const { return programme_; }

 private:
  QLabel* greeting_;
  ProgrammePage* programme_;
};

}  // namespace cft::participant
