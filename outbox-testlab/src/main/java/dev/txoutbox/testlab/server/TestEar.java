package dev.txoutbox.testlab.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The EAR that a test's own servers run (the crash and many-servers tests, the benchmarks), as a
 * user ships the component: outbox-ejb as its EJB module, and either a web module made of test
 * classes ({@link #web}), with their message-driven beans bound to the activation specs of the
 * servers' configuration, or a web module the build made ({@link #module}); libraries in {@code
 * lib/} that the component's module sees (observers of its CDI events). No application.xml: the
 * servers find the modules.
 */
public final class TestEar {
  private static final StringAsset BEANS =
      new StringAsset(
          "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
              + " bean-discovery-mode=\"annotated\"/>");

  private final String name;
  private final EnterpriseArchive ear;
  private final List<Class<?>> webClasses = new ArrayList<>();
  private final StringBuilder libertyBindings = new StringBuilder();
  private final StringBuilder wildFlyActivations = new StringBuilder();

  private TestEar(String name, Path outboxEjb) {
    this.name = name;
    this.ear =
        ShrinkWrap.create(EnterpriseArchive.class, name + ".ear")
            .addAsModule(ShrinkWrap.createFromZipFile(JavaArchive.class, outboxEjb.toFile()));
  }

  /** {@code <name>.ear} with the component's EJB module, the jar {@code outboxEjb}. */
  public static TestEar named(String name, Path outboxEjb) {
    return new TestEar(name, outboxEjb);
  }

  /** Test classes for the web module {@code <name>.war}, a CDI bean archive (annotated). */
  public TestEar web(Class<?>... classes) {
    webClasses.addAll(List.of(classes));
    return this;
  }

  /**
   * Binds the web module's message-driven bean {@code ejbName} to the activation spec {@code
   * activationSpec} of Open Liberty's configuration ({@code ibm-ejb-jar-bnd.xml}), and gives it
   * {@code activation} as its activation properties on WildFly ({@code jboss-ejb3.xml}; Liberty
   * ignores the file), if there are any.
   */
  public TestEar messageDriven(
      String ejbName, String activationSpec, Map<String, String> activation) {
    libertyBindings
        .append("<message-driven name=\"")
        .append(ejbName)
        .append("\"><jca-adapter activation-spec-binding-name=\"")
        .append(activationSpec)
        .append("\"/></message-driven>");
    if (!activation.isEmpty()) {
      wildFlyActivations.append("<message-driven><ejb-name>").append(ejbName);
      wildFlyActivations.append("</ejb-name><activation-config>");
      activation.forEach(
          (property, value) ->
              wildFlyActivations
                  .append("<activation-config-property><activation-config-property-name>")
                  .append(property)
                  .append("</activation-config-property-name><activation-config-property-value>")
                  .append(value)
                  .append("</activation-config-property-value></activation-config-property>"));
      wildFlyActivations.append("</activation-config></message-driven>");
    }
    return this;
  }

  /** A module that the build made, such as a WAR, as it is. */
  public TestEar module(Path archive) {
    ear.addAsModule(archive.toFile());
    return this;
  }

  /** A library {@code <library>.jar} in {@code lib/} with these classes, a CDI bean archive. */
  public TestEar library(String library, Class<?>... classes) {
    ear.addAsLibrary(
        ShrinkWrap.create(JavaArchive.class, library + ".jar")
            .addClasses(classes)
            .addAsManifestResource(BEANS, "beans.xml"));
    return this;
  }

  /** Writes the EAR to {@code file}, replacing one that is there; answers {@code file}. */
  public Path exportTo(Path file) throws IOException {
    if (!webClasses.isEmpty()) {
      ear.addAsModule(webModule());
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    ear.as(ZipExporter.class).exportTo(file.toFile(), true);
    return file;
  }

  private WebArchive webModule() {
    WebArchive war =
        ShrinkWrap.create(WebArchive.class, name + ".war")
            .addClasses(webClasses.toArray(Class<?>[]::new))
            .addAsWebInfResource(BEANS, "beans.xml");
    if (libertyBindings.length() > 0) {
      war.addAsWebInfResource(
          new StringAsset(
              "<ejb-jar-bnd xmlns=\"http://websphere.ibm.com/xml/ns/javaee\" version=\"1.2\">"
                  + libertyBindings
                  + "</ejb-jar-bnd>"),
          "ibm-ejb-jar-bnd.xml");
    }
    if (wildFlyActivations.length() > 0) {
      war.addAsWebInfResource(
          new StringAsset(
              "<jboss:ejb-jar xmlns:jboss=\"urn:jboss:jakartaee:1.0\""
                  + " xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                  + " impl-version=\"2.0\"><enterprise-beans>"
                  + wildFlyActivations
                  + "</enterprise-beans></jboss:ejb-jar>"),
          "jboss-ejb3.xml");
    }
    return war;
  }
}
