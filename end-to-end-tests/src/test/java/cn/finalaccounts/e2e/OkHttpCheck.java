package cn.finalaccounts.e2e;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** The generated okhttp-gson clients' answers held to the contract ({@link ContractAnswers}) before they are read. */
final class OkHttpCheck implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
        Response answer = chain.proceed(chain.request());
        ResponseBody body = answer.body();
        byte[] bytes = body == null ? new byte[0] : body.bytes();
        MediaType type = body == null ? null : body.contentType();
        ContractAnswers.check(chain.request().method(), chain.request().url().uri(), answer.code(),
                answer.header("Content-Type"), bytes);
        return answer.newBuilder().body(ResponseBody.create(bytes, type)).build();
    }
}
