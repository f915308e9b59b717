package io.indoxhub.roundtrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.indoxhub.contract.Converter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public final class Main {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String roundtrip(String type, String payload) throws Exception {
        switch (type) {
            case "Usage": return Converter.UsageToJsonString(Converter.UsageFromJsonString(payload));
            case "ChatResponse": return Converter.ChatResponseToJsonString(Converter.ChatResponseFromJsonString(payload));
            case "CompletionResponse": return Converter.CompletionResponseToJsonString(Converter.CompletionResponseFromJsonString(payload));
            case "EmbeddingResponse": return Converter.EmbeddingResponseToJsonString(Converter.EmbeddingResponseFromJsonString(payload));
            case "ImageResponse": return Converter.ImageResponseToJsonString(Converter.ImageResponseFromJsonString(payload));
            case "VideoResponse": return Converter.VideoResponseToJsonString(Converter.VideoResponseFromJsonString(payload));
            case "AudioResponse": return Converter.AudioResponseToJsonString(Converter.AudioResponseFromJsonString(payload));
            case "VideoJobStatus": return Converter.VideoJobStatusToJsonString(Converter.VideoJobStatusFromJsonString(payload));
            case "ErrorBody": return Converter.ErrorBodyToJsonString(Converter.ErrorBodyFromJsonString(payload));
            case "ValidationErrorBody": return Converter.ValidationErrorBodyToJsonString(Converter.ValidationErrorBodyFromJsonString(payload));
            default: throw new IllegalArgumentException("unknown type \"" + type + "\"");
        }
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            String answer;
            try {
                JsonNode request = JSON.readTree(line);
                answer = roundtrip(request.get("type").asText(), JSON.writeValueAsString(request.get("payload")));
            } catch (Exception error) {
                ObjectNode failure = JSON.createObjectNode();
                failure.put("error", String.valueOf(error.getMessage()).split("\n")[0]);
                answer = JSON.writeValueAsString(failure);
            }
            out.print(answer);
            out.print('\n');
        }
        out.flush();
    }
}
