package io.hyphae.testkit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link HyphaeTest}; see there for what it does. Register it
 * with {@code @HyphaeTest} or {@code @ExtendWith(HyphaeExtension.class)}.
 */
public final class HyphaeExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(HyphaeExtension.class);
    private static final String KIT = "kit";
    private static final String BASELINE = "live-before-test";

    /** For JUnit. */
    public HyphaeExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ActorTestKit.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Executable where = parameter.getDeclaringExecutable();
        boolean classWide = where instanceof Constructor<?> || Modifier.isStatic(where.getModifiers());
        ExtensionContext scope = classWide ? classContext(context) : context;
        if (!classWide && context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("an ActorTestKit parameter belongs in a test method, a "
                    + "@BeforeEach/@AfterEach method, a constructor or a static @BeforeAll method; not in " + where);
        }
        ActorTestKit kit = scope.getStore(NS).get(KIT, ActorTestKit.class);
        if (kit == null) {
            kit = newKit(scope);
            scope.getStore(NS).put(KIT, kit);
        }
        return kit;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ActorTestKit shared = classContext(context).getStore(NS).get(KIT, ActorTestKit.class);
        if (shared != null) {
            context.getStore(NS).put(BASELINE, new HashSet<>(shared.liveActors()));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NS);
        ActorTestKit own = store.remove(KIT, ActorTestKit.class);
        if (own != null) {
            try {
                own.verify();
            } finally {
                own.close();
            }
        }
        ActorTestKit shared = classContext(context).getStore(NS).get(KIT, ActorTestKit.class);
        if (shared != null) {
            shared.verify(false);
            @SuppressWarnings("unchecked")
            Set<Object> before = store.remove(BASELINE, Set.class);
            List<?> leaked = shared.liveActors().stream().filter(r -> before == null || !before.contains(r))
                    .toList();
            if (!leaked.isEmpty() && !shared.leaksAllowed()) {
                throw new AssertionError("test kit of system '" + shared.system().name()
                        + "': the test left actor(s) alive: " + leaked);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ActorTestKit shared = context.getStore(NS).remove(KIT, ActorTestKit.class);
        if (shared != null) {
            shared.close();
        }
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private static ActorTestKit newKit(ExtensionContext scope) {
        HyphaeTest settings = annotation(scope.getTestMethod().map(m -> (AnnotatedElement) m))
                .or(() -> annotation(scope.getTestClass().map(c -> (AnnotatedElement) c)))
                .orElse(null);
        String name = scope.getTestClass().map(Class::getSimpleName).orElse("test")
                + scope.getTestMethod().map(m -> "-" + m.getName()).orElse("");
        ActorTestKit.Builder b = ActorTestKit.builder().name(name);
        if (settings != null) {
            b.dispatcherThreads(settings.dispatcherThreads()).timeout(Duration.ofMillis(settings.timeoutMillis()));
            if (settings.manualClock()) {
                b.manualClock();
            }
        }
        return b.build();
    }

    private static Optional<HyphaeTest> annotation(Optional<AnnotatedElement> element) {
        return element.map(e -> e.getAnnotation(HyphaeTest.class));
    }
}
