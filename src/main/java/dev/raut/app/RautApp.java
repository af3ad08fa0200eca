package dev.raut.app;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The desktop app. For now a window that says what is coming; the gallery fills it next. */
public final class RautApp extends Application {
  public static void launchApp(String[] args) {
    Application.launch(RautApp.class, args);
  }

  @Override
  public void start(Stage stage) {
    Label title = new Label("Raut");
    title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
    Label body = new Label("The gallery and live views are on their way.\n"
        + "Meanwhile the command line analyses photos: raut analyze --help");
    VBox root = new VBox(12, title, body);
    root.setPadding(new Insets(24));
    stage.setTitle("Raut");
    stage.setScene(new Scene(root, 640, 400));
    stage.setMinWidth(480);
    stage.setMinHeight(320);
    stage.show();
  }
}
