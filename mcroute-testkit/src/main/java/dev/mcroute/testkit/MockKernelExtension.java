package dev.mcroute.testkit;

import dev.mcroute.api.MulticastRouter;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives each test a fresh {@link MockKernel}.
 *
 * <p>Declare a {@code MockKernel} parameter on a test method or on a {@code @BeforeEach} /
 * {@code @AfterEach} method to receive it (all get the same kernel within one test). During the
 * test it is also {@link MockKernel#defaultKernel()}, so code under test that opens its router
 * with {@code MulticastRouters.open(RouterOptions.defaults().withProvider("mock"))} lands on it;
 * for that reason, do not run such tests in parallel with each other.
 *
 * <p>After the test (and after its {@code @AfterEach} methods), routers still open on the kernel
 * are closed and the test fails, naming them: a router that is not closed leaks the kernel table
 * in a real system.
 *
 * <pre>{@code
 * @ExtendWith(MockKernelExtension.class)
 * class MyRoutingTest {
 *     @Test
 *     void forwards(MockKernel kernel) { ... }
 * }
 * }</pre>
 */
public final class MockKernelExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MockKernelExtension.class);
    private static final String KERNEL = "kernel";
    private static final String PREVIOUS_DEFAULT = "previousDefault";

    /** For {@code @ExtendWith}. */
    public MockKernelExtension() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        MockKernel kernel = new MockKernel();
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        store.put(KERNEL, kernel);
        store.put(PREVIOUS_DEFAULT, MockKernel.replaceDefault(kernel));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        MockKernel kernel = store.get(KERNEL, MockKernel.class);
        MockKernel.replaceDefault(store.get(PREVIOUS_DEFAULT, MockKernel.class));
        List<MulticastRouter> leaked = kernel.openRouters();
        leaked.forEach(MulticastRouter::close);
        if (!leaked.isEmpty()) {
            throw new AssertionError("the test left " + leaked.size() + " router(s) open, now closed: " + leaked
                    + "; close routers (try-with-resources) so that they do not hold kernel tables");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // test and lifecycle methods only: a constructor runs before beforeEach made the kernel
        return parameterContext.getParameter().getType() == MockKernel.class
                && parameterContext.getDeclaringExecutable() instanceof Method;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        MockKernel kernel = extensionContext.getStore(NAMESPACE).get(KERNEL, MockKernel.class);
        if (kernel == null) {
            throw new ParameterResolutionException("a MockKernel lives for one test: declare it on a @Test, "
                    + "@BeforeEach or @AfterEach method, not on " + parameterContext.getDeclaringExecutable());
        }
        return kernel;
    }
}
