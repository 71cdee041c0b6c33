package shop;

@Entity
public class Account {
  private String email;
  @JsonIgnore private String passwordHash;
}
